package io.minewatch.detect.geo;

/** Distances and offsets on the WGS-84 mean sphere: enough for the few kilometres a drone sees. */
final class Geodesy {
    /** Mean earth radius, metres. */
    static final double EARTH_M = 6_371_008.8;

    private Geodesy() {
    }

    /** Great-circle distance in metres (haversine). */
    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The point {@code north} and {@code east} metres from lat, lon (local flat approximation), as {lat, lon}. */
    static double[] offset(double lat, double lon, double north, double east) {
        double nLat = lat + Math.toDegrees(north / EARTH_M);
        double cos = Math.max(1e-6, Math.cos(Math.toRadians(lat)));
        double nLon = lon + Math.toDegrees(east / (EARTH_M * cos));
        nLat = Math.max(-90, Math.min(90, nLat));
        nLon = ((nLon + 540) % 360) - 180;
        return new double[] {nLat, nLon};
    }
}
