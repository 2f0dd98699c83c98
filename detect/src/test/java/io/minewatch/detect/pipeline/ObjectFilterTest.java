package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clean-up of one frame's detections before tracking, on a 640x360 frame. */
class ObjectFilterTest {

    private static final int W = 640;
    private static final int H = 360;

    private static Detection det(String label, String category, float score, float x1, float y1, float x2, float y2) {
        return new Detection(0, label, Category.of(category), score, new Box(x1, y1, x2, y2));
    }

    @Test
    void wholeFrameBoxIsDropped() {
        // YOLOX-nano calls a whole motorway view a "train" (shared/README.md).
        Detection scene = det("train", "heavy_vehicle", 0.81f, 0, 0, 635, 355);
        Detection truck = det("truck", "heavy_vehicle", 0.7f, 100, 100, 300, 250);
        assertEquals(List.of(truck), ObjectFilter.apply(List.of(scene, truck), W, H));
    }

    @Test
    void largeButNotWholeFrameBoxIsKept() {
        // 75 % of the frame: a truck right in front of the camera.
        Detection close = det("truck", "heavy_vehicle", 0.8f, 0, 0, 480, 360);
        assertEquals(List.of(close), ObjectFilter.apply(List.of(close), W, H));
    }

    @Test
    void busAndTruckOnTheSameBoxMergeKeepingTheHigher() {
        Detection bus = det("bus", "heavy_vehicle", 0.72f, 100, 100, 300, 250);
        Detection truck = det("truck", "heavy_vehicle", 0.55f, 104, 98, 302, 252);
        List<Detection> kept = ObjectFilter.apply(List.of(bus, truck), W, H);
        assertEquals(1, kept.size());
        assertSame(bus, kept.get(0));
    }

    @Test
    void carAndTruckOnTheSameBoxMergeToo() {
        // One tracking group for all vehicles: two tracks for one object would alert twice.
        Detection car = det("car", "vehicle", 0.6f, 100, 100, 300, 250);
        Detection truck = det("truck", "heavy_vehicle", 0.4f, 100, 100, 300, 250);
        assertEquals(List.of(car), ObjectFilter.apply(List.of(car, truck), W, H));
    }

    @Test
    void personOverlappingACarIsKept() {
        Detection car = det("car", "vehicle", 0.9f, 100, 100, 300, 250);
        Detection person = det("person", "person", 0.5f, 110, 105, 290, 250);
        assertEquals(List.of(car, person), ObjectFilter.apply(List.of(car, person), W, H));
    }

    @Test
    void neighbouringVehiclesAreBothKept() {
        // Two cars side by side in traffic overlap a little: IoU 0.2, under the merge threshold.
        Detection a = det("car", "vehicle", 0.9f, 100, 100, 200, 160);
        Detection b = det("car", "vehicle", 0.8f, 167, 100, 267, 160);
        assertEquals(List.of(a, b), ObjectFilter.apply(List.of(a, b), W, H));
    }

    @Test
    void emptyStaysEmpty() {
        assertEquals(List.of(), ObjectFilter.apply(List.of(), W, H));
    }
}
