package io.minewatch.tools.eval;

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
 * </pre>
 *
 * <p>{@code start_s}/{@code end_s}: first and last second (from the stream's start) the object is
 * recognisable in view; {@code category}: a model-card category ({@code heavy_vehicle},
 * {@code excavator}, ...); {@code zone}: the zone it is in, or {@code -} / absent for none;
 * {@code optional}: an appearance the category may or may not cover (PASCAL VOC's "difficult"): an
 * event for it is not a false alert, and missing it does not lower recall.
 */
public record Labels(List<Appearance> appearances) {

    /** One labelled appearance. */
    public record Appearance(double start, double end, String category, String zone, boolean optional, String note) {
        /** A required appearance. */
        public Appearance(double start, double end, String category, String zone, String note) {
            this(start, end, category, zone, false, note);
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

    /** Appearances of a category, optional ones included. */
    public long count(String category) {
        return appearances.stream().filter(a -> a.category().equals(category)).count();
    }

    /** Appearances of a category that recall counts (not optional). */
    public long required(String category) {
        return appearances.stream().filter(a -> a.category().equals(category) && !a.optional()).count();
    }
}
