package io.minewatch.alerts.track;

import io.minewatch.alerts.store.Database;
import io.minewatch.detect.event.TrackPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code alert_track} (one row per alert) and {@code alert_track_point} tables (V5). */
public final class TrackStore {
    private final Database db;

    public TrackStore(Database db) {
        this.db = db;
    }

    /** A point to store: the alert, its index in the alert's track, the point. */
    public record Row(String alertId, int seq, TrackPoint point) {
    }

    /** An alert's track summary: the detect-frame size, points kept and points cut by the bound. */
    public record Summary(String alertId, String camera, int width, int height, int points, int cut) {
    }

    /** A stored point, box normalised to [0, 1]. */
    public record Point(Instant time, double streamOffsetS, long objectId, String label, float score,
                        double x1, double y1, double x2, double y2, long sourcePtsMicros, int epoch) {
    }

    /** An alert's stored track, points in capture order. */
    public record Stored(Summary summary, List<Point> points) {
    }

    /** Writes points and summaries in one transaction. */
    public void write(List<Row> rows, List<Summary> summaries) {
        db.tx(c -> {
            insertPoints(c, rows);
            for (Summary s : summaries) {
                upsert(c, s);
            }
            return null;
        });
    }

    private static void insertPoints(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_track_point (alert_id, seq, object_id,"
                + " captured_us, stream_offset_us, label, score, x1, y1, x2, y2, source_pts_us, epoch)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Row r : rows) {
                TrackPoint p = r.point();
                double w = p.frameWidth();
                double h = p.frameHeight();
                ps.setString(1, r.alertId());
                ps.setInt(2, r.seq());
                ps.setLong(3, p.objectId());
                ps.setLong(4, p.time().getEpochSecond() * 1_000_000L + p.time().getNano() / 1000);
                ps.setLong(5, Math.round(p.streamOffsetS() * 1e6));
                ps.setString(6, p.label());
                ps.setDouble(7, p.score());
                ps.setDouble(8, clamp(p.box().x1() / w));
                ps.setDouble(9, clamp(p.box().y1() / h));
                ps.setDouble(10, clamp(p.box().x2() / w));
                ps.setDouble(11, clamp(p.box().y2() / h));
                ps.setLong(12, p.sourcePtsMicros());
                ps.setInt(13, p.epoch());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static double clamp(double v) {
        return Math.min(1.0, Math.max(0.0, v));
    }

    private static void upsert(Connection c, Summary s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_track (alert_id, camera, frame_w, frame_h,"
                + " points, cut) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO UPDATE SET"
                + " points = excluded.points, cut = excluded.cut")) {
            ps.setString(1, s.alertId());
            ps.setString(2, s.camera());
            ps.setInt(3, s.width());
            ps.setInt(4, s.height());
            ps.setInt(5, s.points());
            ps.setInt(6, s.cut());
            ps.executeUpdate();
        }
    }

    /** An alert's track; empty when the detect path stored none for it (yet). */
    public Optional<Stored> read(String alertId) {
        return db.tx(c -> {
            Summary summary = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT camera, frame_w, frame_h, points, cut FROM alert_track WHERE alert_id = ?")) {
                ps.setString(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        summary = new Summary(alertId, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                                rs.getInt(5));
                    }
                }
            }
            if (summary == null) {
                return Optional.empty();
            }
            List<Point> points = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT captured_us, stream_offset_us, object_id, label,"
                    + " score, x1, y1, x2, y2, source_pts_us, epoch FROM alert_track_point WHERE alert_id = ? ORDER BY captured_us, seq")) {
                ps.setString(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long us = rs.getLong(1);
                        points.add(new Point(Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L),
                                Math.floorMod(us, 1_000_000L) * 1000L), rs.getLong(2) / 1e6, rs.getLong(3),
                                rs.getString(4), rs.getFloat(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                                rs.getDouble(9), rs.getLong(10), rs.getInt(11)));
                    }
                }
            }
            return Optional.of(new Stored(summary, points));
        });
    }
}
