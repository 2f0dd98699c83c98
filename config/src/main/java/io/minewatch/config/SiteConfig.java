package io.minewatch.config;

/**
 * A place the county watches: a sand pit, a river flat, a road into them.
 *
 * @param routing the site's responsible officials and escalation chain (keys {@code officials},
 *                {@code escalation} of the site)
 */
public record SiteConfig(String id, String name, String township, double lat, double lon, SiteRouting routing) {

    public SiteConfig {
        routing = routing == null ? SiteRouting.NONE : routing;
    }

    /** A site without named officials. */
    public SiteConfig(String id, String name, String township, double lat, double lon) {
        this(id, name, township, lat, lon, SiteRouting.NONE);
    }
}
