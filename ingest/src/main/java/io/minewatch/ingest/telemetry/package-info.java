/**
 * Drone telemetry: DJI {@code .SRT} sidecars (every shape met so far) read into a
 * {@link io.minewatch.ingest.telemetry.TelemetryTrack}, with a report of what could not be read.
 */
package io.minewatch.ingest.telemetry;
