package io.minewatch.detect.zones;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;

import io.minewatch.detect.infer.Box;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/** A camera's zones and masks. Immutable; points are tested by an object's bottom centre. */
public final class Zones {
    /** No zones, no masks. */
    public static final Zones NONE = new Zones(List.of());

    private final List<Zone> zones;
    private final List<Zone> areas = new ArrayList<>();
    private final List<Zone> masks = new ArrayList<>();

    public Zones(List<Zone> zones) {
        this.zones = List.copyOf(zones);
        for (Zone z : this.zones) {
            (z.isMask() ? masks : areas).add(z);
        }
    }

    public List<Zone> all() {
        return zones;
    }

    /** The zone with this name, or null. */
    public Zone byName(String name) {
        return zones.stream().filter(z -> z.name().equals(name)).findFirst().orElse(null);
    }

    /** The names of the (non-mask) zones holding the box's bottom centre, in config order. */
    public Set<String> at(Box box, int frameWidth, int frameHeight) {
        double x = box.centerX() / frameWidth;
        double y = box.y2() / frameHeight;
        Set<String> in = new LinkedHashSet<>();
        for (Zone z : areas) {
            if (z.polygon().contains(x, y)) {
                in.add(z.name());
            }
        }
        return in;
    }

    /** Whether the box's bottom centre lies in a mask. */
    public boolean masked(Box box, int frameWidth, int frameHeight) {
        double x = box.centerX() / frameWidth;
        double y = box.y2() / frameHeight;
        for (Zone z : masks) {
            if (z.polygon().contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasMasks() {
        return !masks.isEmpty();
    }

    /**
     * An 8-bit single-channel image of the given size: 255 where motion counts, 0 under masks.
     * The caller closes it.
     */
    public Mat motionMask(int width, int height) {
        Mat mask = new Mat(height, width, CV_8UC1, Scalar.all(255));
        if (masks.isEmpty()) {
            return mask;
        }
        try (MatVector polys = new MatVector(masks.size()); Scalar black = Scalar.all(0)) {
            List<Mat> owned = new ArrayList<>();
            for (int i = 0; i < masks.size(); i++) {
                Mat p = masks.get(i).polygon().toPixels(width, height);
                owned.add(p);
                polys.put(i, p);
            }
            fillPoly(mask, polys, black);
            owned.forEach(Mat::close);
        }
        return mask;
    }
}
