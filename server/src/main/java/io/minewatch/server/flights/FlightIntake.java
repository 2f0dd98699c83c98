package io.minewatch.server.flights;

/** Where a checked upload becomes a flight: stored, queued for processing, its id returned. */
@FunctionalInterface
public interface FlightIntake {
    /**
     * @return the new flight's id
     * @throws IllegalArgumentException with a message for people when the flight cannot be accepted
     *                                  (e.g. its telemetry holds no valid position); nothing is kept then
     */
    String submit(UploadedFlight flight);
}
