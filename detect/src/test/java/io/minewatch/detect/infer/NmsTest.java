package io.minewatch.detect.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    private static Detection det(int cls, float score, float x1, float y1, float x2, float y2) {
        return new Detection(cls, "c" + cls, Category.VEHICLE, score, new Box(x1, y1, x2, y2));
    }

    @Test
    void overlappingBoxesOfOneClassKeepTheBest() {
        Detection best = det(7, 0.9f, 0, 0, 100, 100);
        Detection dup = det(7, 0.8f, 5, 5, 105, 105); // IoU ~0.82
        Detection far = det(7, 0.5f, 300, 300, 400, 400);
        assertEquals(List.of(best, far), Nms.perClass(List.of(dup, far, best), 0.45f));
    }

    @Test
    void differentClassesNeverSuppressEachOther() {
        Detection car = det(2, 0.8f, 0, 0, 100, 100);
        Detection truck = det(7, 0.3f, 0, 0, 100, 100);
        assertEquals(List.of(car, truck), Nms.perClass(List.of(truck, car), 0.45f));
    }

    @Test
    void overlapAtOrBelowTheThresholdIsKept() {
        Detection a = det(0, 0.9f, 0, 0, 100, 100);
        Detection b = det(0, 0.7f, 50, 0, 150, 100); // IoU = 50/150 = 0.333
        assertEquals(List.of(a, b), Nms.perClass(List.of(a, b), 0.45f));
        assertEquals(List.of(a), Nms.perClass(List.of(a, b), 0.3f));
    }

    @Test
    void suppressedBoxesDoNotSuppressOthers() {
        // b overlaps a (suppressed); c overlaps b but not a: c must survive.
        Detection a = det(0, 0.9f, 0, 0, 100, 100);
        Detection b = det(0, 0.8f, 30, 0, 130, 100);
        Detection c = det(0, 0.7f, 60, 0, 160, 100); // IoU with a 0.25, with b 0.54
        assertEquals(List.of(a, c), Nms.perClass(List.of(c, b, a), 0.45f));
    }

    @Test
    void emptyInGivesEmptyOut() {
        assertEquals(List.of(), Nms.perClass(List.of(), 0.45f));
    }
}
