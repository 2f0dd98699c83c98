package io.minewatch.tools.eval;

import io.minewatch.detect.infer.Box;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labels file: what a person saw in a clip, one appearance a line.
 *
 * <pre>
 * # comment
 * start_s  end_s  category  [zone [optional]]  # note
 * 48.5     57.0   heavy_vehicle  -             # school bus
 * 4.5      9.0    heavy_vehicle  -  optional   # red pickup: a light truck
 *   box 5.0  0.62 0.10 0.70 0.22                   # where it is at 5.0 s: x1 y1 x2 y2
 *   box 8.5  0.10 0.12 0.20 0.25
 * </pre>
 *
 * <p>{@code start_s}/{@code end_s}: first and last second (from the stream's start) the object is
 * recognisable in view; {@code category}: a model-card category ({@code heavy_vehicle},
 * {@code excavator}, ...); {@code zone}: the zone it is in, or {@code -} / absent for none;
 * {@code optional}: an appearance the category may or may not cover (PASCAL VOC's "difficult"): an
 * event for it is not a false alert, and missing it does not lower recall.
 *
 * <p>A {@code box T X1 Y1 X2 Y2} line (leading blanks allowed) gives the box of the appearance above
 * it at {@code T} seconds: corners as fractions of the frame's width and height (0 to 1, top-left
 * origin), so the file holds at any decode size. Several boxes per appearance, in increasing time,
 * are interpolated linearly ({@link BoxTrack}). An appearance with boxes matches only events whose
 * box overlaps its box at the event's time; one without matches by time alone.
 */
public record Labels(List<Appearance> appearances) {

    /** One labelled appearance. */
    public record Appearance(double start, double end, String category, String zone, boolean optional, String note,
                             BoxTrack boxes) {
        public Appearance {
            boxes = boxes == null ? BoxTrack.NONE : boxes;
        }

        /** An appearance without boxes. */
        public Appearance(double start, double end, String category, String zone, boolean optional, String note) {
            this(start, end, category, zone, optional, note, BoxTrack.NONE);
        }

        /** A required appearance without boxes. */
        public Appearance(double start, double end, String category, String zone, String note) {
            this(start, end, category, zone, false, note);
        }

        /** The same appearance with these boxes. */
        public Appearance withBoxes(BoxTrack track) {
            return new Appearance(start, end, category, zone, optional, note, track);
        }

        public boolean covers(double t, double slack) {
            return t >= start - slack && t <= end + slack;
        }
    }

    public Labels {
        appearances = List.copyOf(appearances);
    }

    /** Reads a labels file; a malformed line is an error naming the file and line. */
    public static Labels read(Path file) throws IOException {
        List<Appearance> out = new ArrayList<>();
        List<BoxTrack.Key> keys = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (body.isEmpty()) {
                continue;
            }
            String[] f = body.split("\\s+");
            try {
                if ("box".equals(f[0])) {
                    if (out.isEmpty()) {
                        throw new IllegalArgumentException("a box line must follow the appearance it belongs to");
                    }
                    keys.add(box(f));
                    int last = out.size() - 1;
                    out.set(last, out.get(last).withBoxes(new BoxTrack(keys)));
                    continue;
                }
                keys.clear();
                if (f.length < 3 || f.length > 5) {
                    throw new IllegalArgumentException("expected: start_s end_s category [zone [optional]]");
                }
                if (f.length == 5 && !"optional".equals(f[4])) {
                    throw new IllegalArgumentException("fifth field must be 'optional', not '" + f[4] + "'");
                }
                double start = Double.parseDouble(f[0]);
                double end = Double.parseDouble(f[1]);
                if (!(start >= 0 && end >= start)) {
                    throw new IllegalArgumentException("need 0 <= start <= end");
                }
                String zone = f.length == 4 && !"-".equals(f[3]) ? f[3] : null;
                out.add(new Appearance(start, end, f[2], zone, f.length == 5,
                        hash >= 0 ? line.substring(hash + 1).trim() : ""));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": line " + n + ": " + e.getMessage());
            }
        }
        return new Labels(out);
    }

    private static BoxTrack.Key box(String[] f) {
        if (f.length != 6) {
            throw new IllegalArgumentException("expected: box t_s x1 y1 x2 y2 (corners as fractions of the frame)");
        }
        return new BoxTrack.Key(Double.parseDouble(f[1]), new Box(Float.parseFloat(f[2]), Float.parseFloat(f[3]),
                Float.parseFloat(f[4]), Float.parseFloat(f[5])));
    }

    /** Appearances of a category, optional ones included. */
    public long count(String category) {
        return appearances.stream().filter(a -> a.category().equals(category)).count();
    }

    /** Appearances of a category that recall counts (not optional). */
    public long required(String category) {
        return appearances.stream().filter(a -> a.category().equals(category) && !a.optional()).count();
    }
}
