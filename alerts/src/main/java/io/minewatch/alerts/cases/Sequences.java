package io.minewatch.alerts.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Ids of the case tables: row numbers ({@code MAX(id) + 1} in the caller's transaction; the database lends
 * its one connection to one transaction at a time, so two never take the same) and the day-numbered case
 * and whistle ids {@code C-yyyyMMdd-NNNN}, {@code W-yyyyMMdd-NNNN} in the county's zone.
 */
final class Sequences {
    private static final List<String> NUMBERED = List.of("case_step", "case_on_site", "case_review");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final ZoneId zone;

    Sequences(ZoneId zone) {
        this.zone = zone;
    }

    /** The next row id of a numbered table. */
    long next(Connection c, String table) throws SQLException {
        if (!NUMBERED.contains(table)) {
            throw new IllegalArgumentException(table);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + 1;
        }
    }

    /** The next case id of the day of {@code now}. */
    String nextCase(Connection c, long now) throws SQLException {
        return nextOfDay(c, "case_file", "C", now);
    }

    /** The next whistle id of the day of {@code now}. */
    String nextWhistle(Connection c, long now) throws SQLException {
        return nextOfDay(c, "case_whistle", "W", now);
    }

    private String nextOfDay(Connection c, String table, String letter, long now) throws SQLException {
        String prefix = letter + "-" + DAY.format(Instant.ofEpochMilli(now).atZone(zone)) + "-";
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE id LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n = Math.max(n, Integer.parseInt(rs.getString(1).substring(prefix.length())));
                }
            }
        }
        return prefix + String.format("%04d", n + 1);
    }
}
