package io.minewatch.alerts.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.store.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code alert_verdict} table: every verdict kept, the latest one also on {@code alert_case.verdict};
 * each verdict is one {@code alert_event} row ({@code kind = verdict}) in the same transaction, so the
 * alert's history shows it. Call from a worker thread: every method is one short transaction.
 */
public final class VerdictStore {

    /** At most this many alerts in a labels file or dataset (the newest are cut; the answer says so). */
    public static final int MAX_LABELLED = 5_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Database database;
    private final CaseStore cases;
    private final AtomicLong ids;

    /** @param cases the desk's case store: its event ids are the ones {@code alert_event} rows take */
    public VerdictStore(Database database, CaseStore cases) {
        this.database = database;
        this.cases = cases;
        this.ids = new AtomicLong(database.tx(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM alert_verdict")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }));
    }

    /** One stored verdict. */
    public record Stored(String alertId, Verdict verdict, String actor, long at) {
        public ObjectNode json() {
            ObjectNode o = JSON.objectNode();
            o.put("alert", alertId);
            o.put("verdict", verdict.verdict());
            o.put("reason", verdict.reason());
            o.put("category", verdict.category());
            if (verdict.boxNorm() == null) {
                o.putNull("box_norm");
            } else {
                ArrayNode a = o.putArray("box_norm");
                verdict.boxNorm().forEach(a::add);
            }
            o.put("note", verdict.note());
            o.put("by", actor);
            o.put("at", Instant.ofEpochMilli(at).toString());
            return o;
        }
    }

    /** An alert with its latest verdict, for the labels and the dataset. */
    public record Judged(String alertId, String camera, String rule, long createdAt, ObjectNode payload,
                         Stored latest) {
    }

    /** Stores the verdict; empty when the alert does not exist. */
    public Optional<Stored> record(String alertId, Verdict v, String actor, long now) {
        return Optional.ofNullable(database.tx(c -> {
            if (cases.find(c, alertId) == null) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_verdict (id, alert_id, verdict, reason,"
                    + " category, box_norm, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, ids.incrementAndGet());
                ps.setString(2, alertId);
                ps.setString(3, v.verdict());
                ps.setString(4, v.reason());
                ps.setString(5, v.category());
                ps.setString(6, v.boxNorm() == null ? null : boxText(v.boxNorm()));
                ps.setString(7, v.note());
                ps.setString(8, actor);
                ps.setLong(9, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_case SET verdict = ? WHERE id = ?")) {
                ps.setString(1, v.verdict());
                ps.setString(2, alertId);
                ps.executeUpdate();
            }
            Stored s = new Stored(alertId, v, actor, now);
            ObjectNode detail = s.json();
            detail.remove("alert");
            detail.remove("by");
            detail.remove("at");
            cases.event(c, alertId, "verdict", actor, now, detail.toString());
            return s;
        }));
    }

    /** Every verdict on the alert, oldest first. */
    public List<Stored> verdicts(String alertId) {
        return database.tx(c -> verdicts(c, alertId));
    }

    /** Every verdict on the alert, oldest first, in the caller's transaction. */
    public static List<Stored> verdicts(Connection c, String alertId) throws SQLException {
        {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERDICT_COLUMNS
                    + " FROM alert_verdict v WHERE v.alert_id = ? ORDER BY v.id")) {
                ps.setString(1, alertId);
                List<Stored> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(stored(rs, 1));
                    }
                }
                return out;
            }
        }
    }

    /**
     * The alerts of a camera created in [since, until) that have a verdict, oldest first, with their
     * latest verdict; at most {@code limit}.
     */
    public List<Judged> judged(String camera, Instant since, Instant until, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.camera, c.rule, c.created_at, c.payload, "
                + VERDICT_COLUMNS + " FROM alert_case c JOIN alert_verdict v ON v.alert_id = c.id"
                + " WHERE v.id = (SELECT MAX(w.id) FROM alert_verdict w WHERE w.alert_id = c.id)");
        List<Object> args = new ArrayList<>();
        if (camera != null) {
            sql.append(" AND c.camera = ?");
            args.add(camera);
        }
        if (since != null) {
            sql.append(" AND c.created_at >= ?");
            args.add(since.toEpochMilli());
        }
        if (until != null) {
            sql.append(" AND c.created_at < ?");
            args.add(until.toEpochMilli());
        }
        sql.append(" ORDER BY c.created_at, c.id LIMIT ?");
        args.add((long) limit);
        return database.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, args);
                List<Judged> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Judged(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                payload(rs.getString(5)), stored(rs, 6)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Precision by verdict per camera and rule over alerts created in [since, until):
     * {@code {"since","until","rows":[{"camera","rule","alerts","confirmed","false_alarm","unjudged",
     * "precision"}]}}; precision is confirmed / (confirmed + false_alarm), null when nothing is judged.
     */
    public ObjectNode precision(Instant since, Instant until) {
        StringBuilder sql = new StringBuilder("SELECT camera, rule, verdict, COUNT(*) FROM alert_case WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (since != null) {
            sql.append(" AND created_at >= ?");
            args.add(since.toEpochMilli());
        }
        if (until != null) {
            sql.append(" AND created_at < ?");
            args.add(until.toEpochMilli());
        }
        sql.append(" GROUP BY camera, rule, verdict ORDER BY camera, rule");
        java.util.Map<String, long[]> counts = database.tx(c -> {
            java.util.Map<String, long[]> m = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] n = m.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new long[3]);
                        String v = rs.getString(3);
                        n["confirmed".equals(v) ? 0 : "false_alarm".equals(v) ? 1 : 2] += rs.getLong(4);
                    }
                }
            }
            return m;
        });
        ObjectNode out = JSON.objectNode();
        out.put("since", since == null ? null : since.toString());
        out.put("until", until == null ? null : until.toString());
        ArrayNode rows = out.putArray("rows");
        counts.forEach((key, n) -> {
            String[] k = key.split("\u0000", 2);
            ObjectNode r = rows.addObject().put("camera", k[0]).put("rule", k[1])
                    .put("alerts", n[0] + n[1] + n[2]).put("confirmed", n[0]).put("false_alarm", n[1])
                    .put("unjudged", n[2]);
            if (n[0] + n[1] == 0) {
                r.putNull("precision");
            } else {
                r.put("precision", Math.round(10_000.0 * n[0] / (n[0] + n[1])) / 10_000.0);
            }
        });
        return out;
    }

    private static final String VERDICT_COLUMNS = "v.alert_id, v.verdict, v.reason, v.category, v.box_norm, v.note,"
            + " v.actor, v.at";

    private static Stored stored(ResultSet rs, int from) throws SQLException {
        String box = rs.getString(from + 4);
        List<Double> boxNorm = null;
        if (box != null) {
            boxNorm = new ArrayList<>();
            for (String p : box.split(" ")) {
                boxNorm.add(Double.parseDouble(p));
            }
        }
        return new Stored(rs.getString(from), new Verdict(rs.getString(from + 1), rs.getString(from + 2),
                rs.getString(from + 3), boxNorm, rs.getString(from + 5)), rs.getString(from + 6), rs.getLong(from + 7));
    }

    private static String boxText(List<Double> box) {
        StringBuilder b = new StringBuilder();
        for (Double d : box) {
            b.append(b.isEmpty() ? "" : " ").append(d);
        }
        return b.toString();
    }

    private static ObjectNode payload(String text) {
        try {
            JsonNode n = AlertJson.mapper().readTree(text);
            return n instanceof ObjectNode o ? o : JSON.objectNode();
        } catch (IOException e) {
            return JSON.objectNode();
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
    }
}
