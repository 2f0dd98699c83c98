package io.minewatch.alerts.cases;

import io.minewatch.config.DistrictConfig;
import io.minewatch.config.SiteConfig;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;

/** Opens cases: from alerts (their rows in {@code alert_case}), a flight's finding, or by hand. */
final class Intakes {
    private static final int MAX_ALERTS = 50;

    /** What intake reads of an alert. */
    private record AlertRow(String id, String site, String camera, String rule, String level, long createdAt,
                            Double lat, Double lon) {
    }

    private final CaseContext ctx;

    Intakes(CaseContext ctx) {
        this.ctx = ctx;
    }

    String open(CaseTx tx, Intake in, String actor) throws SQLException {
        if (in == null || in.source() == null || !Intake.SOURCES.contains(in.source())) {
            throw Checks.invalid("source: expected one of " + String.join(", ", Intake.SOURCES));
        }
        String title = Checks.text("title", in.title(), Checks.MAX_TITLE);
        String note = Checks.text("note", in.note(), Checks.MAX_TEXT);
        String level = Checks.level("level", in.level());
        if (in.lat() != null && !(in.lat() >= -90 && in.lat() <= 90)
                || in.lon() != null && !(in.lon() >= -180 && in.lon() <= 180)) {
            throw Checks.invalid("lat/lon: out of range");
        }
        if ((in.lat() == null) != (in.lon() == null)) {
            throw Checks.invalid("lat/lon: give both or neither");
        }
        List<String> alertIds = new java.util.ArrayList<>(new LinkedHashSet<>(in.alerts()));
        String flight = Checks.text("flight", in.flight(), Checks.MAX_SHORT);
        String finding = Checks.text("finding", in.finding(), Checks.MAX_SHORT);
        switch (in.source()) {
            case "alert" -> {
                if (alertIds.isEmpty()) {
                    throw Checks.invalid("alerts: a case from alerts needs at least one alert id");
                }
            }
            case "flight" -> {
                if (flight == null || flight.isBlank()) {
                    throw Checks.invalid("flight: a case from a flight needs the flight id");
                }
                if (finding != null && !alertIds.contains(finding)) {
                    alertIds.add(0, finding);
                }
            }
            default -> {
                if (!alertIds.isEmpty()) {
                    throw Checks.invalid("alerts: only a case from alerts or a flight names alerts");
                }
            }
        }
        if (alertIds.size() > MAX_ALERTS) {
            throw Checks.invalid("alerts: at most " + MAX_ALERTS);
        }
        AlertRow first = null;
        Long firstAt = null;
        for (String id : alertIds) {
            AlertRow a = alert(tx, id);
            String other = ctx.cases().caseOfAlert(tx.c, id);
            if (other != null) {
                throw Checks.conflict("alerts: alert " + id + " is already in case " + other);
            }
            if (first == null) {
                first = a;
            }
            firstAt = firstAt == null ? a.createdAt() : Math.min(firstAt, a.createdAt());
        }
        Double lat = in.lat() != null ? in.lat() : first == null ? null : first.lat();
        Double lon = in.lon() != null ? in.lon() : first == null ? null : first.lon();
        if (lat == null && first != null) {
            // A fixed camera's alert has no position of its own (no geotag): the site's is where it happened.
            SiteConfig site = ctx.sites().apply(first.site()).orElse(null);
            if (site != null) {
                lat = site.lat();
                lon = site.lon();
            }
        }
        DistrictConfig district = lat == null ? null : ctx.catalogue().cases().districtAt(lat, lon);
        String township = Checks.text("township", in.township(), Checks.MAX_SHORT);
        if (township != null && !ctx.catalogue().known().townships().contains(township)) {
            throw Checks.invalid("township: unknown township " + township);
        }
        if (township == null && first != null) {
            township = ctx.sites().apply(first.site()).map(SiteConfig::township).filter(t -> !t.isBlank())
                    .orElse(null);
        }
        if (township == null && district != null) {
            township = district.township();
        }
        if (township == null || township.isBlank()) {
            throw Checks.invalid("township: unknown; give a township or a position inside a district");
        }
        if (level == null) {
            level = first != null && Checks.level("level", first.level()) != null ? first.level() : "quick";
        }
        if (title == null || title.isBlank()) {
            title = first != null ? first.rule() + " @ " + first.site() + "/" + first.camera()
                    : flight != null ? "flight " + flight : in.source() + " " + township;
        }
        String id = ctx.ids().nextCase(tx.c, tx.now);
        ctx.cases().insert(tx.c, new CaseRow(id, in.source(), title, note, township,
                district == null ? null : district.id(), null, lat, lon, level, CaseRow.INTAKE,
                "flight".equals(in.source()) ? flight : null, "flight".equals(in.source()) ? finding : null,
                firstAt, actor, tx.now, null, null, null, null, null, null, 0), tx.now);
        for (String a : alertIds) {
            ctx.cases().linkAlert(tx.c, id, a);
        }
        tx.step(id, "case_opened", actor, null, null, in.source() + (alertIds.isEmpty() ? "" : " "
                + String.join(",", alertIds)) + ", township " + township + ", level " + level);
        return id;
    }

    private AlertRow alert(CaseTx tx, String id) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT id, site, camera, rule, level, created_at, lat,"
                + " lon FROM alert_case WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CaseException(CaseException.Kind.INVALID, "alerts: unknown alert " + id);
                }
                return new AlertRow(rs.getString("id"), rs.getString("site"), rs.getString("camera"),
                        rs.getString("rule"), rs.getString("level"), rs.getLong("created_at"),
                        Sql.getDouble(rs, "lat"), Sql.getDouble(rs, "lon"));
            }
        }
    }
}
