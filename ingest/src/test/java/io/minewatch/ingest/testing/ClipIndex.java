package io.minewatch.ingest.testing;

import io.minewatch.testkit.FfmpegCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The video packets of a clip in decode order (presentation times, key flags), read with ffprobe,
 * as a looping server serves them.
 */
public record ClipIndex(double[] pts, boolean[] key, double duration) {

    public static ClipIndex of(Path clip) throws IOException, InterruptedException {
        String out = FfmpegCli.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", clip.toString()), 120);
        List<double[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length >= 2 && !f[0].equals("N/A")) {
                rows.add(new double[] {Double.parseDouble(f[0]), f[1].contains("K") ? 1 : 0});
            }
        }
        double duration = FfmpegCli.duration(clip);
        // A packet presented at or after the end lies outside the segment a looping server plays
        // (the 360p clip's last packet is at exactly its duration): it is never served.
        rows.removeIf(r -> r[0] >= duration - 1e-6);
        double[] pts = new double[rows.size()];
        boolean[] key = new boolean[rows.size()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rows.get(i)[0];
            key[i] = rows.get(i)[1] == 1;
        }
        return new ClipIndex(pts, key, duration);
    }

    /** Packets per loop. */
    public int size() {
        return pts.length;
    }
}
