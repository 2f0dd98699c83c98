package io.minewatch.ingest.telemetry;

import java.util.List;

/**
 * Which way round a file writes {@code GPS(a, b, ...)} and {@code HOME(a, b, ...)}: DJI writes
 * {@code (lon, lat, satellites)} on most models, others {@code (lat, lon, altitude)}. Decided once per file:
 * <ol>
 *   <li>plausibility: a first value beyond ±90 can only be a longitude, a second one beyond ±90 only a
 *       longitude too; and where a cue gives {@code HOME(...)} and {@code D} (distance from home), the order
 *       whose GPS-to-home distance matches D;</li>
 *   <li>else the file's shape: a third value that is a small whole number without a unit is a satellite
 *       count, DJI's {@code (lon, lat, sats)}; one with decimals or a unit is an altitude: {@code (lat, lon, alt)};</li>
 *   <li>else DJI's {@code (lon, lat)}, said so.</li>
 * </ol>
 *
 * @param lonFirst whether the first value is the longitude
 * @param reason   how it was decided, for the report
 */
record CoordinateOrder(boolean lonFirst, String reason) {
    private static final double EARTH_M = 6_371_008.8;
    /** Most satellites a receiver reports (GPS + GLONASS + Galileo + BeiDou in view). */
    private static final int MAX_SATELLITES = 60;

    static CoordinateOrder decide(List<SrtRecord> records) {
        int rangeLon = 0;
        int rangeLat = 0;
        int distLon = 0;
        int distLat = 0;
        int sats = 0;
        int altitude = 0;
        int tuples = 0;
        for (SrtRecord r : records) {
            for (SrtRecord.Tuple t : new SrtRecord.Tuple[] {r.gps, r.home}) {
                if (t == null || t.size() < 2) {
                    continue;
                }
                tuples++;
                double a = Math.abs(t.values()[0]);
                double b = Math.abs(t.values()[1]);
                if (a > 90 && a <= 180 && b <= 90) {
                    rangeLon++;
                } else if (b > 90 && b <= 180 && a <= 90) {
                    rangeLat++;
                }
            }
            int vote = distanceVote(r);
            if (vote > 0) {
                distLon++;
            } else if (vote < 0) {
                distLat++;
            }
            if (r.gps != null && r.gps.size() >= 3) {
                double c = r.gps.values()[2];
                if (r.gps.integer()[2] && !r.gps.unit()[2] && c >= 0 && c <= MAX_SATELLITES) {
                    sats++;
                } else {
                    altitude++;
                }
            }
        }
        int lonFirst = rangeLon + distLon;
        int latFirst = rangeLat + distLat;
        if (lonFirst != latFirst) {
            boolean lon = lonFirst > latFirst;
            int range = lon ? rangeLon : rangeLat;
            int dist = lon ? distLon : distLat;
            List<String> why = new java.util.ArrayList<>();
            if (range > 0) {
                why.add((lon ? "the first" : "the second") + " value is beyond \u00b190 (a longitude) in " + range
                        + " of " + tuples + " GPS/HOME lists");
            }
            if (dist > 0) {
                why.add("the distance from GPS to HOME matches D in " + dist + " records");
            }
            int against = Math.min(lonFirst, latFirst);
            return new CoordinateOrder(lon, "GPS(...) read as " + (lon ? "(lon, lat, ...)" : "(lat, lon, ...)")
                    + ": " + String.join(" and ", why) + (against > 0 ? "; " + against + " checks said otherwise" : ""));
        }
        if (sats != altitude) {
            boolean lon = sats > altitude;
            return new CoordinateOrder(lon, lon
                    ? "GPS(...) read as (lon, lat, sats): both values within \u00b190, third a satellite count (DJI's order;"
                            + " decided by the file's shape, nothing in it rules out the other order)"
                    : "GPS(...) read as (lat, lon, alt): both values within \u00b190, third an altitude (decided by the"
                            + " file's shape, nothing in it rules out the other order)");
        }
        return new CoordinateOrder(true, "GPS(...) read as (lon, lat): nothing in the file tells the order; DJI's assumed");
    }

    /** +1 when the GPS-to-HOME distance read (lon, lat) matches D, -1 when (lat, lon) does, 0 when neither clearly. */
    private static int distanceVote(SrtRecord r) {
        if (r.distance == null || r.distance < 20 || r.gps == null || r.home == null || r.gps.size() < 2
                || r.home.size() < 2) {
            return 0;
        }
        double[] g = r.gps.values();
        double[] h = r.home.values();
        double asLonLat = metres(g[1], g[0], h[1], h[0]);
        double asLatLon = metres(g[0], g[1], h[0], h[1]);
        double eLon = Math.abs(asLonLat - r.distance) / r.distance;
        double eLat = Math.abs(asLatLon - r.distance) / r.distance;
        if (eLon < 0.1 && eLat > 0.1) {
            return 1;
        }
        if (eLat < 0.1 && eLon > 0.1) {
            return -1;
        }
        return 0;
    }

    /** Great-circle distance in metres (haversine). */
    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
