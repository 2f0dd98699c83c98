package io.minewatch.alerts.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.routing.LiveRouting;
import io.minewatch.alerts.routing.Router;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The alert read models of API v1. Every method takes the caller's scope: {@code official} is the id of
 * an official (only the alerts routed to them, {@code alert_route}) or null for everything (command,
 * admin, analyst). An alert outside the scope is reported exactly as an unknown one, so a route can
 * answer 404 without revealing that it exists. Reads go through the desk's database connection, one
 * short transaction each; call them from a worker thread, never from an event loop.
 */
public final class AlertQueries {

    private static final String COLUMNS = "c.id, c.camera, c.site, c.rule, c.level, c.state, c.ended, c.created_at,"
            + " c.updated_at, c.payload, c.verdict";
    private static final String ROUTED = " AND EXISTS (SELECT 1 FROM alert_route r WHERE r.alert_id = c.id"
            + " AND r.official = ?)";

    private final Database database;
    private final AlertViews views;
    private final LiveRouting routing;
    private final Path storageDir;

    /**
     * @param storageDir the storage directory snapshots are relative to
     * @param hasClip    whether an alert has a clip (e.g. {@code id -> clipStore.find(id).isPresent()})
     */
    public AlertQueries(Database database, Path storageDir, AlertsConfig alerts, List<SiteConfig> sites,
            List<OfficialConfig> officials, Predicate<String> hasClip) {
        this(database, storageDir, new LiveRouting(alerts, sites, officials), hasClip);
    }

    /**
     * @param routing the sites and officials in force (the registry swaps them while the server runs)
     */
    public AlertQueries(Database database, Path storageDir, LiveRouting routing, Predicate<String> hasClip) {
        this.database = database;
        this.storageDir = storageDir.toAbsolutePath().normalize();
        this.views = new AlertViews(storageDir, hasClip);
        this.routing = routing;
    }

    /** {@code {"alerts":[AlertSummary...], "next": cursor | null}}, newest first. */
    public ObjectNode list(AlertFilter f, String official) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert_case c WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "c.state = ?", f.state());
        where(sql, args, "c.site = ?", f.site());
        where(sql, args, "c.camera = ?", f.camera());
        where(sql, args, "c.rule = ?", f.rule());
        where(sql, args, "c.level = ?", f.level());
        if ("none".equals(f.verdict())) {
            sql.append(" AND c.verdict IS NULL");
        } else {
            where(sql, args, "c.verdict = ?", f.verdict());
        }
        where(sql, args, "c.created_at >= ?", f.since() == null ? null : f.since().toEpochMilli());
        where(sql, args, "c.created_at < ?", f.until() == null ? null : f.until().toEpochMilli());
        if (f.cursor() != null) {
            sql.append(" AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))");
            args.add(f.cursor().createdAt());
            args.add(f.cursor().createdAt());
            args.add(f.cursor().id());
        }
        if (official != null) {
            sql.append(ROUTED);
            args.add(official);
        }
        sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
        args.add(f.limit() + 1);
        List<AlertViews.Row> rows = database.tx(c -> rows(c, sql.toString(), args));
        ObjectNode out = AlertViews.JSON.objectNode();
        ArrayNode list = out.putArray("alerts");
        int n = Math.min(rows.size(), f.limit());
        for (int i = 0; i < n; i++) {
            AlertViews.Row r = rows.get(i);
            list.add(views.summary(r, AlertViews.payload(r)));
        }
        if (rows.size() > f.limit()) {
            AlertViews.Row last = rows.get(n - 1);
            out.put("next", new PageCursor(last.createdAt(), last.id()).encode());
        } else {
            out.putNull("next");
        }
        return out;
    }

    /**
     * AlertSummary + {@code payload} (the latest alert message as stored), {@code history} (every
     * {@code alert_event} row, oldest first) and {@code routes} (with the officials' names from the
     * config) and {@code verdicts} (every analyst verdict, oldest first); empty when unknown or not routed to {@code official}.
     */
    public Optional<ObjectNode> detail(String id, String official) {
        ArrayNode history = AlertViews.JSON.arrayNode();
        ArrayNode routes = AlertViews.JSON.arrayNode();
        ArrayNode verdicts = AlertViews.JSON.arrayNode();
        AlertViews.Row r = database.tx(c -> {
            AlertViews.Row row = find(c, id, official);
            if (row == null) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, kind, actor, detail FROM alert_event WHERE alert_id = ? ORDER BY id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        history.addObject().put("at", AlertViews.iso(rs.getLong(1))).put("kind", rs.getString(2))
                                .put("actor", rs.getString(3)).put("detail", rs.getString(4));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT official, reason, routed_at FROM alert_route"
                    + " WHERE alert_id = ? ORDER BY routed_at, official")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String who = rs.getString(1);
                        routes.addObject().put("official", who).put("name", routing.view().officialNames().get(who))
                                .put("reason", rs.getString(2)).put("routed_at", AlertViews.iso(rs.getLong(3)));
                    }
                }
            }
            for (io.minewatch.alerts.verdict.VerdictStore.Stored v
                    : io.minewatch.alerts.verdict.VerdictStore.verdicts(c, id)) {
                verdicts.add(v.json());
            }
            return row;
        });
        if (r == null) {
            return Optional.empty();
        }
        // Built outside the transaction: the clip look-up may touch the disk, the desk must not wait for it.
        ObjectNode payload = AlertViews.payload(r);
        ObjectNode o = views.summary(r, payload);
        o.set("payload", payload);
        o.set("history", history);
        o.set("routes", routes);
        o.set("verdicts", verdicts);
        return Optional.of(o);
    }

    /** Whether the alert exists and is in the scope (the clip and evidence routes ask this). */
    public boolean visible(String id, String official) {
        return database.tx(c -> find(c, id, official) != null);
    }

    /**
     * The stored snapshot file of the alert's best sighting (its real path): always under the storage
     * directory, links resolved, and only when the file exists; empty when the alert is unknown, out of scope or has none.
     */
    public Optional<Path> snapshot(String id, String official) {
        Path file = database.tx(c -> {
            AlertViews.Row r = find(c, id, official);
            return r == null ? null : views.snapshotFile(AlertViews.payload(r));
        });
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // A link inside storage must not lead out of it either.
            Path real = file.toRealPath();
            return real.startsWith(storageDir.toRealPath()) ? Optional.of(real) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code {"sites":[{"id","name","township","lat","lon","open_alerts"}]}}: open_alerts counts the alerts
     * not yet closed (open or acknowledged). An official gets the sites whose alerts may reach them
     * ({@link Router#reaches}) and counts only the alerts routed to them.
     */
    public ObjectNode sites(String official) {
        Map<String, Long> open = database.tx(c -> {
            String sql = "SELECT c.site, COUNT(*) FROM alert_case c WHERE c.state <> 'closed'"
                    + (official == null ? "" : ROUTED) + " GROUP BY c.site";
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (official != null) {
                    ps.setString(1, official);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
        ObjectNode out = AlertViews.JSON.objectNode();
        ArrayNode list = out.putArray("sites");
        LiveRouting.View now = routing.view();
        for (SiteConfig s : now.sites()) {
            if (official != null && !now.router().reaches(s.id(), official)) {
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode site = list.addObject().put("id", s.id())
                    .put("name", s.name()).put("township", s.township()).put("lat", s.lat()).put("lon", s.lon())
                    .put("open_alerts", open.getOrDefault(s.id(), 0L)).put("radius_m", s.radiusM());
            // The geofence of drone findings: its outline, else the circle of radius_m around lat, lon.
            com.fasterxml.jackson.databind.node.ArrayNode boundary = site.putArray("boundary");
            s.boundary().forEach(c -> boundary.addArray().add(c.lat()).add(c.lon()));
        }
        return out;
    }

    /** Whether alerts of the site may reach the official (the cameras an official's console lists). */
    public boolean siteVisible(String site, String official) {
        return official == null || routing.view().router().reaches(site, official);
    }

    private AlertViews.Row find(Connection c, String id, String official) throws SQLException {
        if (id == null || id.length() > 64) {
            return null;
        }
        List<Object> args = new ArrayList<>(List.of(id));
        String sql = "SELECT " + COLUMNS + " FROM alert_case c WHERE c.id = ?";
        if (official != null) {
            sql += ROUTED;
            args.add(official);
        }
        List<AlertViews.Row> found = rows(c, sql, args);
        return found.isEmpty() ? null : found.get(0);
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static List<AlertViews.Row> rows(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) a);
                }
            }
            List<AlertViews.Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertViews.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7) != 0, rs.getLong(8), rs.getLong(9),
                            rs.getString(10), rs.getString(11)));
                }
            }
            return out;
        }
    }
}
