package io.minewatch.config;

import java.util.ArrayList;
import java.util.List;

/** Validates a site's extent: {@code boundary: [[lat, lon], ...]} (3 to {@value #MAX_CORNERS} corners) and {@code radius_m}. */
final class SiteBounds {
    static final int MAX_CORNERS = 1000;
    static final double MAX_RADIUS_M = 100_000;

    private SiteBounds() {
    }

    static List<LatLon> boundary(Section s) throws ConfigException {
        YamlNode node = s.node("boundary");
        if (node == null || node instanceof YamlNode.Scalar sc && sc.type() == YamlNode.Type.NULL) {
            return List.of();
        }
        String path = s.pathOf("boundary");
        Problems problems = s.problems();
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw s.error("boundary", "expected a list of [lat, lon] corners, found " + node.kind());
        }
        if (seq.items().size() < 3 || seq.items().size() > MAX_CORNERS) {
            throw s.error("boundary", "a boundary has 3 to " + MAX_CORNERS + " [lat, lon] corners, got "
                    + seq.items().size());
        }
        List<LatLon> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            String at = path + "[" + out.size() + "]";
            if (!(item instanceof YamlNode.Sequence pair) || pair.items().size() != 2) {
                throw problems.at(item.line(), at, "expected a corner [lat, lon], found " + shape(item));
            }
            double lat = number(pair.items().get(0), at, problems);
            double lon = number(pair.items().get(1), at, problems);
            if (!(lat >= -90 && lat <= 90)) {
                throw problems.at(item.line(), at, "latitude must be between -90 and 90, got " + lat
                        + " (corners are [lat, lon])");
            }
            if (!(lon >= -180 && lon <= 180)) {
                throw problems.at(item.line(), at, "longitude must be between -180 and 180, got " + lon);
            }
            out.add(new LatLon(lat, lon));
        }
        if (area(out) < 1) {
            throw s.error("boundary", "the corners enclose no area (all on one line, or repeated)");
        }
        return out;
    }

    static double radius(Section s) throws ConfigException {
        double r = s.number("radius_m", SiteConfig.DEFAULT_RADIUS_M);
        if (!(r >= 1 && r <= MAX_RADIUS_M)) {
            throw s.error("radius_m", "must be between 1 and " + (long) MAX_RADIUS_M + " metres, got " + s.shown("radius_m"));
        }
        return r;
    }

    private static double number(YamlNode n, String at, Problems problems) throws ConfigException {
        if (n instanceof YamlNode.Scalar sc && (sc.type() == YamlNode.Type.INTEGER || sc.type() == YamlNode.Type.FLOAT)) {
            return sc.number().doubleValue();
        }
        throw problems.at(n.line(), at, "expected numbers [lat, lon], found " + n.kind());
    }

    private static String shape(YamlNode n) {
        return n instanceof YamlNode.Sequence seq ? "a list of " + seq.items().size() : n.kind();
    }

    /** The polygon's area in square metres (shoelace on a local flat projection). */
    static double area(List<LatLon> corners) {
        double lat0 = Math.toRadians(corners.get(0).lat());
        double m = 6_371_008.8 * Math.PI / 180;
        double sum = 0;
        for (int i = 0; i < corners.size(); i++) {
            LatLon a = corners.get(i);
            LatLon b = corners.get((i + 1) % corners.size());
            double ax = a.lon() * m * Math.cos(lat0);
            double ay = a.lat() * m;
            double bx = b.lon() * m * Math.cos(lat0);
            double by = b.lat() * m;
            sum += ax * by - bx * ay;
        }
        return Math.abs(sum) / 2;
    }
}
