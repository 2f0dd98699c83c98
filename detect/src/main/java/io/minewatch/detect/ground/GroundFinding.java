package io.minewatch.detect.ground;

import io.minewatch.detect.zones.Zone;
import java.time.Instant;

/**
 * A ground change that persisted long enough to report.
 *
 * @param zone         the zone
 * @param share        share of the zone's watchable cells changed in the last observation
 * @param persistent   share of them changed in every observation of the run
 * @param observations observations the change persisted through
 * @param since        capture time of the run's first observation
 * @param at           capture time of this (the last) observation
 * @param cells        the zone's cells (grid indices) ...
 * @param changed      ... and which of them changed in the last observation (same order)
 * @param grid         the cell grid, to draw the cells
 * @param before       the reference picture of this hour band (JPEG of the detect frame)
 * @param beforeTime   its capture time
 */
public record GroundFinding(Zone zone, double share, double persistent, int observations, Instant since, Instant at,
                            int[] cells, boolean[] changed, CellGridView grid, byte[] before, Instant beforeTime) {

    /** The same finding drawn on the given grid. */
    GroundFinding withGrid(CellGridView g) {
        return new GroundFinding(zone, share, persistent, observations, since, at, cells, changed, g, before,
                beforeTime);
    }

    /** The grid's geometry as the picture needs it. */
    public record CellGridView(int width, int height, int cols, int cell) {
    }
}
