package io.minewatch.detect.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Region;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regions are model-sized squares around motion, inside the frame; big cover means whole frame. */
class RegionPlannerTest {
    private final RegionPlanner planner = new RegionPlanner(416, 416);

    @Test
    void aSmallMovingCarInA1080pFrameGetsOneModelSizedRegion() {
        List<Region> r = planner.plan(List.of(new Box(1800, 1000, 1860, 1040)), 1920, 1080);
        assertEquals(1, r.size());
        Region region = r.get(0);
        assertEquals(416, region.width());
        assertEquals(416, region.height());
        assertTrue(region.x() + region.width() <= 1920 && region.y() + region.height() <= 1080, "inside the frame");
        assertTrue(region.x() <= 1800 && region.y() <= 1000, "holds the motion");
    }

    @Test
    void overlappingRegionsMergeAndDistantOnesStaySeparate() {
        List<Region> near = planner.plan(List.of(new Box(100, 100, 150, 150), new Box(300, 100, 350, 150)), 1920, 1080);
        assertEquals(1, near.size());
        List<Region> far = planner.plan(List.of(new Box(100, 100, 150, 150), new Box(1500, 800, 1550, 850)), 1920, 1080);
        assertEquals(2, far.size());
    }

    @Test
    void aSmallFrameIsLookedAtWhole() {
        assertTrue(planner.plan(List.of(new Box(10, 10, 40, 40)), 640, 360).isEmpty(),
                "a 416 square covers most of a 640x360 frame: one whole-frame run");
    }
}
