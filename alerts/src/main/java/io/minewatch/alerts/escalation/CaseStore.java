package io.minewatch.alerts.escalation;

import io.minewatch.alerts.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code alert_case}, {@code alert_route} and {@code alert_event} tables. Every method takes the
 * caller's connection, so that a case's rows commit together with its outbox messages.
 */
public final class CaseStore {

    /** Case states. */
    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String CLOSED = "closed";

    private final AtomicLong eventIds;

    public CaseStore(Database db) {
        this.eventIds = new AtomicLong(db.tx(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM alert_event")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }));
    }

    /** One case as stored. */
    public record Case(String id, String camera, String site, String rule, String level, String state,
            boolean ended, Long deadlineAt, int escalations, String payload) {
    }

    public void insert(Connection c, Case k, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_case (id, camera, site, rule, level, state,"
                + " ended, created_at, updated_at, deadline_at, escalations, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, k.id());
            ps.setString(2, k.camera());
            ps.setString(3, k.site());
            ps.setString(4, k.rule());
            ps.setString(5, k.level());
            ps.setString(6, k.state());
            ps.setInt(7, k.ended() ? 1 : 0);
            ps.setLong(8, now);
            ps.setLong(9, now);
            setLong(ps, 10, k.deadlineAt());
            ps.setInt(11, k.escalations());
            ps.setString(12, k.payload());
            ps.executeUpdate();
        }
    }

    /**
     * Stores where the alert's best object is and its drone flight (the columns the flights' reports and
     * map read); nothing is written when the alert has neither.
     */
    public void place(Connection c, io.minewatch.alerts.schema.Alert a) throws SQLException {
        if (a.lat() == null && a.flight() == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_case SET lat = ?, lon = ?, accuracy_m = ?,"
                + " geo_source = ?, flight = ? WHERE id = ?")) {
            setDouble(ps, 1, a.lat());
            setDouble(ps, 2, a.lon());
            setDouble(ps, 3, a.accuracyM());
            ps.setString(4, a.geoSource());
            ps.setString(5, a.flight());
            ps.setString(6, a.id());
            ps.executeUpdate();
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Stores the latest alert payload (update/end) and the ended flag. */
    public void updatePayload(Connection c, String id, String payload, boolean ended, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE alert_case SET payload = ?, ended = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, payload);
            ps.setInt(2, ended ? 1 : 0);
            ps.setLong(3, now);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    /** Sets state, deadline and escalation count. */
    public void updateState(Connection c, String id, String state, Long deadlineAt, int escalations, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_case SET state = ?, deadline_at = ?,"
                + " escalations = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state);
            setLong(ps, 2, deadlineAt);
            ps.setInt(3, escalations);
            ps.setLong(4, now);
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    public Case find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
            ps.setString(1, id);
            List<Case> found = read(ps);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** Open cases whose deadline has passed, oldest deadline first. */
    public List<Case> due(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + " WHERE deadline_at IS NOT NULL AND deadline_at <= ? AND state = 'open' ORDER BY deadline_at")) {
            ps.setLong(1, now);
            return read(ps);
        }
    }

    private static final String SELECT = "SELECT id, camera, site, rule, level, state, ended, deadline_at,"
            + " escalations, payload FROM alert_case";

    private static List<Case> read(PreparedStatement ps) throws SQLException {
        List<Case> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long d = rs.getLong(8);
                Long deadline = rs.wasNull() ? null : d;
                out.add(new Case(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7) != 0, deadline, rs.getInt(9), rs.getString(10)));
            }
        }
        return out;
    }

    public void route(Connection c, String alertId, String official, String reason, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_route (alert_id, official, reason, routed_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, alertId);
            ps.setString(2, official);
            ps.setString(3, reason);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
    }

    /** The officials an alert is routed to, in the order they were added. */
    public List<String> routes(Connection c, String alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT official FROM alert_route WHERE alert_id = ? ORDER BY routed_at, official")) {
            ps.setString(1, alertId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** Appends one state change to the audit trail. */
    public void event(Connection c, String alertId, String kind, String actor, long at, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_event (id, alert_id, kind, actor, at, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, eventIds.incrementAndGet());
            ps.setString(2, alertId);
            ps.setString(3, kind);
            ps.setString(4, actor);
            ps.setLong(5, at);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    /** One entry of the audit trail. */
    public record Event(String kind, String actor, long at, String detail) {
    }

    /** The audit trail of an alert, oldest first. */
    public List<Event> events(Connection c, String alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, actor, at, detail FROM alert_event WHERE alert_id = ? ORDER BY id")) {
            ps.setString(1, alertId);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
