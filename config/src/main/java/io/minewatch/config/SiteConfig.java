package io.minewatch.config;

/**
 * A place the county watches: a sand pit, a river flat, a road into them.
 *
 * @param timezone the site's time zone, in which camera schedules are read (default UTC)
 */
public record SiteConfig(String id, String name, String township, double lat, double lon,
                         java.time.ZoneId timezone) {

    public SiteConfig {
        timezone = timezone == null ? java.time.ZoneOffset.UTC : timezone;
    }

    /** A site in UTC. */
    public SiteConfig(String id, String name, String township, double lat, double lon) {
        this(id, name, township, lat, lon, null);
    }
}
