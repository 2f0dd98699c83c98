/**
 * Flight uploads: resumable uploads following tus 1.0.0 (core, creation and termination extensions) at
 * {@code /api/v1/uploads}, streamed to disk with back-pressure and bounded by {@link
 * io.minewatch.server.flights.upload.UploadLimits}; and {@code POST /api/v1/flights}, which checks the
 * uploaded video with ffprobe, extracts embedded subtitle telemetry, and hands the flight to a
 * {@link io.minewatch.server.flights.FlightIntake}.
 */
package io.minewatch.server.flights.upload;
