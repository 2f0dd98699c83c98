package io.minewatch.config;

/** A place the county watches: a sand pit, a river flat, a road into them. */
public record SiteConfig(String id, String name, String township, double lat, double lon) {
}
