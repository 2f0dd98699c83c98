package io.minewatch.server.flights;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code flight} table (Flyway V7), and a flight's findings read from the alerts it raised
 * ({@code alert_case.flight}). Thread-safe: every call is one transaction of the shared {@link Database}.
 */
final class FlightStore {
    /** The most flights {@link #list} returns. */
    static final int MAX_LIST = 500;

    private static final String COLUMNS = "id, name, site, drone_model, state, progress, done_s, frames, duration_s,"
            + " video, telemetry, uploaded_by, error, created_at, started_at, finished_at";

    private final Database db;

    FlightStore(Database db) {
        this.db = db;
    }

    void insert(FlightRecord f) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO flight (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, f.id());
                ps.setString(2, f.name());
                ps.setString(3, f.site());
                ps.setString(4, f.droneModel());
                ps.setString(5, f.state());
                ps.setDouble(6, f.progress());
                ps.setDouble(7, f.doneS());
                ps.setLong(8, f.frames());
                ps.setDouble(9, f.durationS());
                ps.setString(10, f.video().toString());
                ps.setString(11, f.telemetry() == null ? null : f.telemetry().toString());
                ps.setString(12, f.uploadedBy());
                ps.setString(13, f.error());
                ps.setLong(14, f.created().toEpochMilli());
                setMillis(ps, 15, f.started());
                setMillis(ps, 16, f.finished());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<FlightRecord> find(String id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM flight WHERE id = ?")) {
                ps.setString(1, id);
                List<FlightRecord> found = read(ps);
                return found.isEmpty() ? Optional.<FlightRecord>empty() : Optional.of(found.get(0));
            }
        });
    }

    /** The newest flights first, at most {@value #MAX_LIST}. */
    List<FlightRecord> list() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM flight ORDER BY created_at DESC, id DESC LIMIT " + MAX_LIST)) {
                return read(ps);
            }
        });
    }

    /** Flights a restart finds unfinished (queued or running), oldest first. */
    List<FlightRecord> unfinished() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM flight WHERE state IN ('queued', 'running') ORDER BY created_at, id")) {
                return read(ps);
            }
        });
    }

    void started(String id, String state, double durationS, Instant at) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE flight SET state = ?, duration_s = ?,"
                    + " started_at = COALESCE(started_at, ?) WHERE id = ?")) {
                ps.setString(1, state);
                ps.setDouble(2, durationS);
                ps.setLong(3, at.toEpochMilli());
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void progress(String id, double progress, double doneS, long frames) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE flight SET progress = ?, done_s = ?, frames = ? WHERE id = ?")) {
                ps.setDouble(1, progress);
                ps.setDouble(2, doneS);
                ps.setLong(3, frames);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A state change; {@code finished} is set for done, failed and cancelled. */
    void state(String id, String state, String error, Instant at) {
        boolean over = !FlightRecord.QUEUED.equals(state) && !FlightRecord.RUNNING.equals(state);
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE flight SET state = ?, error = ?, finished_at = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setString(2, error);
                setMillis(ps, 3, over ? at : null);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Alerts the flight raised so far. */
    int findingsCount(String id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert_case WHERE flight = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** The flight's alerts as findings, in video time order (their latest payload: the best sighting). */
    List<FlightFinding> findings(String id) {
        List<String> payloads = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payload FROM alert_case WHERE flight = ? ORDER BY created_at, id")) {
                ps.setString(1, id);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
        List<FlightFinding> out = new ArrayList<>();
        for (String p : payloads) {
            out.add(finding(p));
        }
        out.sort(java.util.Comparator.comparingDouble(FlightFinding::offsetS));
        return out;
    }

    private static FlightFinding finding(String payload) {
        try {
            JsonNode a = AlertJson.mapper().readTree(payload);
            return new FlightFinding(a.path("id").asText(), a.path("rule").asText(), text(a, "label"),
                    (float) a.path("score").asDouble(), a.path("stream_offset_s").asDouble(),
                    Instant.parse(a.path("time").asText()), number(a, "lat"), number(a, "lon"),
                    number(a, "accuracy_m"), text(a, "geo_source"),
                    FlightService.UNREGISTERED.equals(text(a, "site")) ? null : text(a, "site"), text(a, "snapshot"));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("stored alert payload unreadable: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static List<FlightRecord> read(PreparedStatement ps) throws SQLException {
        List<FlightRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String telemetry = rs.getString(11);
                out.add(new FlightRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getDouble(9),
                        Path.of(rs.getString(10)), telemetry == null ? null : Path.of(telemetry), rs.getString(12),
                        rs.getString(13), Instant.ofEpochMilli(rs.getLong(14)), instant(rs, 15), instant(rs, 16)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setMillis(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

}
