package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.FlightsConfig;
import io.minewatch.detect.geo.SiteGeofences;
import io.minewatch.alerts.store.Database;
import io.minewatch.detect.geo.SiteLocator;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.server.flights.FlightService;
import io.minewatch.server.flights.FlightWiring;
import java.time.Clock;

/**
 * The drone flights stage: a {@link FlightService} on the server's detector pool (the default model, else
 * the pool's first), the alerts desk, the outbox for progress, geofences over the sites in force
 * ({@link SiteGeofences#live}: registry changes apply to the next detection), and the {@code flights:}
 * config (storage, detect rate, drone optics) through {@link FlightWiring}.
 */
final class Flights {
    private Flights() {
    }

    static FlightService assemble(Database database, FlightsConfig config, Detectors detectors,
                                  Messaging messaging, SnapshotWriter snapshots, Clock clock, MeterRegistry registry) {
        String model = detectors.pool().models().contains(detectors.cards().defaultName())
                ? detectors.cards().defaultName() : detectors.pool().models().iterator().next();
        SiteLocator sites = SiteGeofences.live(() -> messaging.routing().view().sites());
        return new FlightService(database, FlightWiring.settings(config), detectors.pool(), model, messaging.desk(),
                snapshots, messaging.sink(), () -> sites, FlightWiring.srt(), FlightWiring.geotaggers(config), clock,
                registry).start();
    }
}
