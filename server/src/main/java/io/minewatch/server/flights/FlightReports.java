package io.minewatch.server.flights;

import java.util.Optional;

/** The flights' store as the report reads it. */
@FunctionalInterface
public interface FlightReports {
    /** The flight with this id, or empty when there is none. */
    Optional<FlightView> view(String id);
}
