package io.minewatch.detect.eval;

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
 * start_s  end_s  category  [zone]  # note
 * 4.5      9.0    heavy_vehicle  -  # red pickup, drives left
 * </pre>
 *
 * <p>{@code start_s}/{@code end_s}: first and last second (from the stream's start) the object is
 * recognisable in view; {@code category}: a model-card category ({@code heavy_vehicle},
 * {@code excavator}, ...); {@code zone}: the zone it is in, or {@code -} / absent for none.
 */
public record Labels(List<Appearance> appearances) {

    /** One labelled appearance. */
    public record Appearance(double start, double end, String category, String zone, String note) {
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
                if (f.length < 3 || f.length > 4) {
                    throw new IllegalArgumentException("expected: start_s end_s category [zone]");
                }
                double start = Double.parseDouble(f[0]);
                double end = Double.parseDouble(f[1]);
                if (!(start >= 0 && end >= start)) {
                    throw new IllegalArgumentException("need 0 <= start <= end");
                }
                String zone = f.length == 4 && !"-".equals(f[3]) ? f[3] : null;
                out.add(new Appearance(start, end, f[2], zone, hash >= 0 ? line.substring(hash + 1).trim() : ""));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": line " + n + ": " + e.getMessage());
            }
        }
        return new Labels(out);
    }

    public long count(String category) {
        return appearances.stream().filter(a -> a.category().equals(category)).count();
    }
}
