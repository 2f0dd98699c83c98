package io.minewatch.server.flights;

import io.minewatch.config.SiteConfig;
import io.minewatch.detect.geo.SiteLocator;
import java.util.List;
import java.util.Optional;

/**
 * Interim geofences until helper telemetry's {@code SiteGeofences} (boundary polygons, per-site radius)
 * lands: a site holds every point within {@value #RADIUS_M} m of its centre (the default {@code radius_m});
 * where several do, the nearest centre wins. Distances on a local flat-earth approximation (metres per
 * degree at the site's latitude), good to well under 1 % at these distances.
 */
public final class SiteCentres implements SiteLocator {
    /** The default site radius, metres. */
    public static final double RADIUS_M = 500;
    private static final double METRES_PER_DEGREE = 111_320;

    private final List<SiteConfig> sites;

    public SiteCentres(List<SiteConfig> sites) {
        this.sites = List.copyOf(sites);
    }

    @Override
    public Optional<String> siteAt(double lat, double lon) {
        String best = null;
        double bestM = Double.MAX_VALUE;
        for (SiteConfig s : sites) {
            double dy = (lat - s.lat()) * METRES_PER_DEGREE;
            double dx = (lon - s.lon()) * METRES_PER_DEGREE * Math.cos(Math.toRadians(s.lat()));
            double m = Math.hypot(dx, dy);
            if (m <= RADIUS_M && m < bestM) {
                best = s.id();
                bestM = m;
            }
        }
        return Optional.ofNullable(best);
    }
}
