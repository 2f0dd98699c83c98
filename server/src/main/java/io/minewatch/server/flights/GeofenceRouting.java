package io.minewatch.server.flights;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.event.TrackPoint;
import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.geo.SiteLocator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes a flight's detections by where they are: a position inside a site's boundary (or radius) makes
 * the event that site's, and it is routed as that site's alerts are; a position outside every site turns
 * it into an {@value FlightService#UNREGISTERED_SITE} alert of the pseudo-site
 * {@value FlightService#UNREGISTERED}, which no official is responsible for: it goes to the command
 * centre (its feed carries every alert, and an unacknowledged one escalates to it), with its position
 * (a possible new illegal pit). An event nothing placed keeps the flight's declared site, else it too
 * goes to {@value FlightService#UNREGISTERED} under its own rule (no position: nothing says it is outside).
 */
final class GeofenceRouting implements DetectionListener {
    private final String flight;
    private final String declaredSite;
    private final Supplier<SiteLocator> sites;
    private final DetectionListener desk;

    /**
     * @param sites the site boundaries in force (read per event: registry changes apply to the next one)
     */
    GeofenceRouting(String flight, String declaredSite, Supplier<SiteLocator> sites, DetectionListener desk) {
        this.flight = flight;
        this.declaredSite = declaredSite;
        this.sites = sites;
        this.desk = desk;
    }

    @Override
    public void onEvent(DetectionEvent e) {
        desk.onEvent(route(e));
    }

    DetectionEvent route(DetectionEvent e) {
        GeoFix g = e.geo();
        if (g == null) {
            return e.routed(e.rule(), declaredSite == null ? FlightService.UNREGISTERED : declaredSite, flight);
        }
        Optional<String> site = sites.get().siteAt(g.lat(), g.lon());
        return site.map(s -> e.routed(e.rule(), s, flight))
                .orElseGet(() -> e.routed(FlightService.UNREGISTERED_SITE, FlightService.UNREGISTERED, flight));
    }

    @Override
    public void onTrack(List<TrackPoint> points) {
        desk.onTrack(points);
    }
}
