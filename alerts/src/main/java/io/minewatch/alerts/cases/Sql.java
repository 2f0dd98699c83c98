package io.minewatch.alerts.cases;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small JDBC helpers for the case tables: nullable values and money in fen. */
final class Sql {

    private Sql() {
    }

    /** Binds every value in order from index 1. */
    static PreparedStatement bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                ps.setObject(i + 1, null);
            } else if (v instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setObject(i + 1, v);
            }
        }
        return ps;
    }

    static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static Double getDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    static Boolean getBool(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v != 0;
    }

    /** Yuan (two decimals at most) to fen. */
    static Long fen(BigDecimal yuan) {
        return yuan == null ? null : yuan.movePointRight(2).longValueExact();
    }

    /** Fen to yuan with two decimals. */
    static BigDecimal yuan(Long fen) {
        return fen == null ? null : BigDecimal.valueOf(fen, 2);
    }
}
