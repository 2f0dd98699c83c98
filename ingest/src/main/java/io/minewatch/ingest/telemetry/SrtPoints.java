package io.minewatch.ingest.telemetry;

import java.util.Locale;

/**
 * Turns one cue's values into a {@link TelemetryPoint}, refusing what cannot be a position: a missing or
 * half-given coordinate, a latitude beyond ±90 or a longitude beyond ±180 (in the order the file was
 * read), and 0, 0 — what a drone writes before it has a GPS fix. Altitudes beyond
 * [{@link #MIN_ALT_M}, {@link #MAX_ALT_M}] and angles beyond ±360° are dropped with a problem; the
 * position stays.
 */
final class SrtPoints {
    static final double MIN_ALT_M = -1000;
    static final double MAX_ALT_M = 10000;
    /** Both coordinates within this of 0 is the no-fix placeholder. */
    static final double ZERO = 1e-5;

    private final CoordinateOrder order;
    private final ProblemLog log;

    SrtPoints(CoordinateOrder order, ProblemLog log) {
        this.order = order;
        this.log = log;
    }

    /** The cue's point at time t, or null with a problem logged. */
    TelemetryPoint point(SrtRecord r, double t) {
        double lat;
        double lon;
        Double tupleAlt = null;
        String where;
        if (r.lat != null && r.lon != null) {
            lat = r.lat;
            lon = r.lon;
            where = "";
        } else if (r.lat != null || r.lon != null) {
            log.add(r.lat != null ? r.latLine : r.lonLine, (r.lat != null ? "latitude without a longitude"
                    : "longitude without a latitude") + " in this record: not used");
            return null;
        } else if (r.gps != null) {
            SrtRecord.Tuple g = r.gps;
            if (g.size() < 2) {
                log.add(g.line(), "GPS(" + ProblemLog.quote(g.text()) + ") is not a list of numbers: record not used");
                return null;
            }
            boolean lonFirst = order == null || order.lonFirst();
            lat = g.values()[lonFirst ? 1 : 0];
            lon = g.values()[lonFirst ? 0 : 1];
            if (!lonFirst && g.size() >= 3) {
                tupleAlt = g.values()[2];
            }
            where = " (GPS(" + g.text().strip() + ") read as " + (lonFirst ? "lon, lat" : "lat, lon") + ")";
        } else {
            log.add(r.firstLine, "no position in this record (no latitude/longitude or GPS(...)): not used");
            return null;
        }
        int line = r.positionLine();
        if (!(lat >= -90 && lat <= 90)) {
            log.add(line, "latitude " + num(lat) + " is outside -90..90" + where + ": record not used");
            return null;
        }
        if (!(lon >= -180 && lon <= 180)) {
            log.add(line, "longitude " + num(lon) + " is outside -180..180" + where + ": record not used");
            return null;
        }
        if (Math.abs(lat) < ZERO && Math.abs(lon) < ZERO) {
            log.add(line, "coordinates 0, 0 (no GPS fix yet, not a place)" + where + ": record not used");
            return null;
        }
        Double altAbs = altitude(r.altAbs != null ? r.altAbs : tupleAlt, "altitude above sea level", r);
        Double altRel = altitude(r.altRel, "height above take-off", r);
        Double pitch = angle(r.gimbalPitch, 180, "gimbal pitch", r);
        Double gimbalYaw = heading(angle(r.gimbalYaw, 360, "gimbal yaw", r));
        Double heading = heading(angle(r.heading, 360, "heading", r));
        try {
            return new TelemetryPoint(t, lat, lon, altRel, altAbs, pitch, gimbalYaw, heading);
        } catch (IllegalArgumentException e) {
            log.add(line, e.getMessage() + ": record not used");
            return null;
        }
    }

    /** The file's HOME(...) as a place, or null (a problem logged when it is not one). */
    TelemetryReport.Home home(SrtRecord.Tuple h) {
        if (h.size() < 2) {
            log.add(h.line(), "HOME(" + ProblemLog.quote(h.text()) + ") is not a list of numbers: not used");
            return null;
        }
        boolean lonFirst = order == null || order.lonFirst();
        double lat = h.values()[lonFirst ? 1 : 0];
        double lon = h.values()[lonFirst ? 0 : 1];
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) || Math.abs(lat) < ZERO && Math.abs(lon) < ZERO) {
            log.add(h.line(), "HOME(" + h.text().strip() + ") is not a place (out of range or 0, 0): not used");
            return null;
        }
        Double alt = h.size() >= 3 && h.values()[2] >= MIN_ALT_M && h.values()[2] <= MAX_ALT_M ? h.values()[2] : null;
        return new TelemetryReport.Home(lat, lon, alt);
    }

    private Double altitude(Double v, String what, SrtRecord r) {
        if (v == null) {
            return null;
        }
        if (!(v >= MIN_ALT_M && v <= MAX_ALT_M)) {
            log.add(r.positionLine(), what + " " + num(v) + " m is outside " + (long) MIN_ALT_M + ".." + (long) MAX_ALT_M
                    + " m: not used (the position is)");
            return null;
        }
        return v;
    }

    private Double angle(Double v, double max, String what, SrtRecord r) {
        if (v == null) {
            return null;
        }
        if (!(Math.abs(v) <= max)) {
            log.add(r.positionLine(), what + " " + num(v) + "\u00b0 is outside \u00b1" + (long) max
                    + "\u00b0: not used (the position is)");
            return null;
        }
        return v;
    }

    private static Double heading(Double v) {
        if (v == null || v >= 0 && v < 360) {
            return v;
        }
        return ((v % 360) + 360) % 360;
    }

    static String num(double v) {
        return Double.isFinite(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%s", stripZeros(v)) : "" + v;
    }

    private static String stripZeros(double v) {
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s;
    }
}
