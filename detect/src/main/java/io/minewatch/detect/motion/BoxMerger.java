package io.minewatch.detect.motion;

import io.minewatch.detect.infer.Box;
import java.util.ArrayList;
import java.util.List;

/** Merges boxes that overlap or lie within a gap of each other, until none do. */
final class BoxMerger {
    private BoxMerger() {
    }

    static List<Box> merge(List<Box> boxes, float gap) {
        List<Box> out = new ArrayList<>(boxes);
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    if (near(out.get(i), out.get(j), gap)) {
                        out.set(i, union(out.get(i), out.get(j)));
                        out.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        return out;
    }

    static Box union(Box a, Box b) {
        return new Box(Math.min(a.x1(), b.x1()), Math.min(a.y1(), b.y1()),
                Math.max(a.x2(), b.x2()), Math.max(a.y2(), b.y2()));
    }

    private static boolean near(Box a, Box b, float gap) {
        return a.x1() - gap <= b.x2() && b.x1() - gap <= a.x2()
                && a.y1() - gap <= b.y2() && b.y1() - gap <= a.y2();
    }
}
