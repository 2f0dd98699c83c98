/**
 * The {@code scripts/flight} commands: {@code telemetry FILE} ({@link io.minewatch.tools.flight.TelemetryCli})
 * prints a drone telemetry file's track; {@code upload} sends a flight to a server.
 */
package io.minewatch.tools.flight;
