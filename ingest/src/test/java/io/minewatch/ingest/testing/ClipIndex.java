package io.minewatch.ingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The video packets of a clip in decode order (presentation times, key flags), read with ffprobe. */
public record ClipIndex(double[] pts, boolean[] key, double duration) {

    public static ClipIndex of(Path clip) throws IOException, InterruptedException {
        String out = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", clip.toString());
        List<double[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length >= 2 && !f[0].equals("N/A")) {
                rows.add(new double[] {Double.parseDouble(f[0]), f[1].contains("K") ? 1 : 0});
            }
        }
        double duration = Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", clip.toString()).trim());
        double[] pts = new double[rows.size()];
        boolean[] key = new boolean[rows.size()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rows.get(i)[0];
            key[i] = rows.get(i)[1] == 1;
        }
        return new ClipIndex(pts, key, duration);
    }

    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(cmd[0] + " is missing (scripts/test installs ffmpeg)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Packets per loop. */
    public int size() {
        return pts.length;
    }
}
