package io.minewatch.config;

/**
 * A place the county watches: a sand pit, a river flat, a road into them.
 *
 * @param timezone the site's time zone, in which camera schedules are read (default UTC)
 * @param routing  the site's responsible officials and escalation chain (keys {@code officials},
 *                 {@code escalation} of the site)
 */
public record SiteConfig(String id, String name, String township, double lat, double lon,
                         java.time.ZoneId timezone, SiteRouting routing) {

    public SiteConfig {
        timezone = timezone == null ? java.time.ZoneOffset.UTC : timezone;
        routing = routing == null ? SiteRouting.NONE : routing;
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
