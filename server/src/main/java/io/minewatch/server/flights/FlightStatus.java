package io.minewatch.server.flights;

import java.time.Instant;

/**
 * A flight as {@code GET /api/v1/flights} and {@code GET /api/v1/flights/{id}} show it.
 *
 * @param progress share of the video processed, 0..1
 * @param etaS     seconds until done at the rate so far (running flights), else null
 * @param frames   frames judged so far
 * @param findings alerts raised so far
 */
public record FlightStatus(String id, String name, String site, String droneModel, String state, double progress,
                           Double etaS, long frames, int findings, double durationS, String uploadedBy, String error,
                           Instant created, Instant started, Instant finished) {
}
