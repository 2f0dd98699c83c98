package io.minewatch.config;

/**
 * A place the county watches: a sand pit, a river flat, a road into them.
 *
 * @param timezone the site's time zone, in which camera schedules are read (default UTC)
 * @param routing  the site's responsible officials and escalation chain (keys {@code officials},
 *                 {@code escalation} of the site)
 * @param boundary the site's outline ({@code boundary: [[lat, lon], ...]}, at least 3 corners, closed
 *                 implicitly), or empty: then the site is the circle of {@code radiusM} around lat, lon
 * @param radiusM  the site's extent around its centre when it has no boundary ({@code radius_m}, default
 *                 {@value #DEFAULT_RADIUS_M} m)
 */
public record SiteConfig(String id, String name, String township, double lat, double lon,
                         java.time.ZoneId timezone, SiteRouting routing, java.util.List<LatLon> boundary,
                         double radiusM) {
    public static final double DEFAULT_RADIUS_M = 500;

    public SiteConfig {
        timezone = timezone == null ? java.time.ZoneOffset.UTC : timezone;
        routing = routing == null ? SiteRouting.NONE : routing;
        boundary = boundary == null ? java.util.List.of() : java.util.List.copyOf(boundary);
        if (!boundary.isEmpty() && boundary.size() < 3) {
            throw new IllegalArgumentException("site " + id + ": a boundary needs at least 3 corners");
        }
        if (!(radiusM > 0)) {
            throw new IllegalArgumentException("site " + id + ": radius must be positive, got " + radiusM);
        }
    }

    /** A site without a boundary, {@value #DEFAULT_RADIUS_M} m around its centre. */
    public SiteConfig(String id, String name, String township, double lat, double lon,
                      java.time.ZoneId timezone, SiteRouting routing) {
        this(id, name, township, lat, lon, timezone, routing, null, DEFAULT_RADIUS_M);
    }

    /** A site in UTC without named officials. */
    public SiteConfig(String id, String name, String township, double lat, double lon) {
        this(id, name, township, lat, lon, null, SiteRouting.NONE);
    }

    /** A site in this time zone without named officials. */
    public SiteConfig(String id, String name, String township, double lat, double lon, java.time.ZoneId timezone) {
        this(id, name, township, lat, lon, timezone, SiteRouting.NONE);
    }

    /** A site in UTC with these officials. */
    public SiteConfig(String id, String name, String township, double lat, double lon, SiteRouting routing) {
        this(id, name, township, lat, lon, null, routing);
    }
}
