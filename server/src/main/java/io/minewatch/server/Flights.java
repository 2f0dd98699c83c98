package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.routing.LiveRouting;
import io.minewatch.alerts.store.Database;
import io.minewatch.detect.geo.SiteLocator;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.server.flights.DronePositionGeotagger;
import io.minewatch.server.flights.FlightService;
import io.minewatch.server.flights.FlightSettings;
import io.minewatch.server.flights.SiteCentres;
import io.minewatch.server.flights.TelemetryReader;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The drone flights stage: a {@link FlightService} on the server's detector pool (the default model, else
 * the pool's first), the alerts desk, the outbox for progress, and geofences over the sites in force
 * (rebuilt when the registry swaps them).
 *
 * <p>Interim until helper telemetry lands: {@link SiteCentres} stands for {@code SiteGeofences}, the
 * drone's own position ({@link DronePositionGeotagger}) for {@code TelemetryGeotagger}, and the
 * telemetry reader refuses every {@code .SRT} with a message saying so ({@code SrtParser} replaces it);
 * the settings are {@link FlightSettings#defaults} until {@code FlightsConfig}.
 */
final class Flights {
    private Flights() {
    }

    static FlightService assemble(Database database, FlightSettings settings, Detectors detectors,
                                  Messaging messaging, SnapshotWriter snapshots, Clock clock, MeterRegistry registry) {
        String model = detectors.pool().models().contains(detectors.cards().defaultName())
                ? detectors.cards().defaultName() : detectors.pool().models().iterator().next();
        TelemetryReader telemetry = file -> {
            throw new IllegalArgumentException("telemetry " + file.getFileName()
                    + ": this server cannot read .SRT files yet");
        };
        return new FlightService(database, settings, detectors.pool(), model, messaging.desk(), snapshots,
                messaging.sink(), geofences(messaging.routing()), telemetry,
                (track, drone) -> new DronePositionGeotagger(track), clock, registry).start();
    }

    /** The geofences of the sites in force, rebuilt only when the routing's view changes. */
    private static Supplier<SiteLocator> geofences(LiveRouting routing) {
        Object[] cache = new Object[2];
        return () -> {
            synchronized (cache) {
                LiveRouting.View v = routing.view();
                if (cache[0] != v) {
                    cache[0] = v;
                    cache[1] = new SiteCentres(v.sites());
                }
                return (SiteLocator) cache[1];
            }
        };
    }
}
