package io.minewatch.detect.geo;

import java.util.Optional;

/** Which registered site a position is in: its boundary polygon, else its radius around its centre. */
@FunctionalInterface
public interface SiteLocator {
    /** The id of the site holding this point (the smallest, where several do), or empty: outside every site. */
    Optional<String> siteAt(double lat, double lon);
}
