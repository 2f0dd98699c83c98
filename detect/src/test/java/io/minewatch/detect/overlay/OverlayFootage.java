package io.minewatch.detect.overlay;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.testing.Media;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Shared clips with on-screen text burned in by ffmpeg's {@code drawtext}, as county cameras do: a
 * fixed camera name (Latin and Chinese glyphs, Debian's Noto Sans CJK), a clock that ticks with the
 * stream, counters, and a banner that blinks on and off — in several places and sizes. Also the
 * text alone on black (every line shown), from which the test takes where the text really is.
 */
public record OverlayFootage(String name, String clip, int width, int height, List<String> lines) {
    static final String FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    /** A clock that ticks with the stream (2025-11-30 from 10:53:20), as a camera's own clock does. */
    static final String CLOCK = "%{pts:gmtime:1764500000:%Y-%m-%d %H\\:%M\\:%S}";
    /** Counters that tick at their own pace. */
    static final String COUNTERS = "LANE1 %{eif:n/7:d}  LANE2 %{eif:n/11:d}";
    static final String BLINK = ":enable='lt(mod(t,2),1)'";

    /** The street camera (640x360): name top left, clock top right, a blinking alarm banner bottom centre, a timecode bottom right. */
    public static OverlayFootage street() {
        return new OverlayFootage("street-osd", Media.TRAFFIC, 640, 360, List.of(
                "text='CAM-07 A66 北行 Northbound':x=12:y=10:fontsize=22:fontcolor=white:borderw=2:bordercolor=black",
                "textfile=CLOCK:x=w-tw-12:y=10:fontsize=20:fontcolor=white:borderw=2:bordercolor=black",
                "text='报警 ALARM LANE 2':x=(w-tw)/2:y=h-th-16:fontsize=28:fontcolor=yellow:box=1:boxcolor=red@0.7"
                        + ":boxborderw=6" + BLINK,
                "text='%{pts\\:hms}':x=w-tw-10:y=h-th-10:fontsize=14:fontcolor=white"));
    }

    /** The freeway camera (320x240): small clock top left, name bottom left, counters bottom right, a blinking banner near the top. */
    public static OverlayFootage freeway() {
        return new OverlayFootage("freeway-osd", Media.HAAR, 320, 240, List.of(
                "text='卡口 K12+300 Dahua':x=6:y=h-th-8:fontsize=14:fontcolor=white:borderw=1:bordercolor=black",
                "textfile=CLOCK:x=6:y=6:fontsize=13:fontcolor=white:borderw=1:bordercolor=black",
                "text='超载 OVERLOAD':x=(w-tw)/2:y=40:fontsize=18:fontcolor=white:box=1:boxcolor=red@0.8:boxborderw=4"
                        + BLINK,
                "textfile=COUNTERS:x=w-tw-6:y=h-th-30:fontsize=12:fontcolor=yellow"));
    }

    /** The street camera again, other places and sizes: a large name mid left, the clock bottom left, a Chinese banner top centre. */
    public static OverlayFootage streetLarge() {
        return new OverlayFootage("street-osd-large", Media.TRAFFIC, 640, 360, List.of(
                "text='海康 HIKVISION 07':x=20:y=(h-th)/2-40:fontsize=34:fontcolor=white:borderw=2:bordercolor=black",
                "textfile=CLOCK:x=14:y=h-th-12:fontsize=26:fontcolor=white:borderw=2:bordercolor=black",
                "text='禁止停车 NO PARKING':x=(w-tw)/2:y=14:fontsize=24:fontcolor=white:box=1:boxcolor=blue@0.6"
                        + ":boxborderw=5" + BLINK,
                "textfile=COUNTERS:x=w-tw-16:y=h/2:fontsize=18:fontcolor=white:borderw=1:bordercolor=black"));
    }

    /** Burns the text into the clip (H.264, same size and rate); returns the new file. */
    public Path make(Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".mp4");
        Path script = writeScript(dir, name + ".filter", true);
        ffmpeg("-i", Media.video(clip).toString(), "-filter_script:v", script.toString(), "-c:v", "libx264",
                "-preset", "veryfast", "-crf", "20", "-threads", "1", "-an", out.toString());
        return out;
    }

    /**
     * Where the text is: every line drawn (the banner too) on black at 2 s, closed into line boxes,
     * in frame pixels.
     */
    public List<Box> truth(Path dir) throws IOException, InterruptedException {
        Path png = dir.resolve(name + "-truth.png");
        Path script = writeScript(dir, name + "-truth.filter", false);
        ffmpeg("-f", "lavfi", "-i", "color=c=black:s=" + width + "x" + height + ":r=5:d=3", "-filter_script:v",
                script.toString(), "-ss", "2", "-frames:v", "1", png.toString());
        List<Box> boxes = new ArrayList<>();
        try (Mat bgr = imread(png.toString()); Mat gray = new Mat(); Mat bin = new Mat(); Mat closed = new Mat();
             Size k = new Size(15, 5); Mat kernel = getStructuringElement(MORPH_RECT, k);
             Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            threshold(gray, bin, 20, 255, THRESH_BINARY);
            morphologyEx(bin, closed, MORPH_CLOSE, kernel);
            int n = connectedComponentsWithStats(closed, labels, stats, centroids, 8, CV_32S);
            try (IntIndexer s = stats.createIndexer()) {
                for (int i = 1; i < n; i++) {
                    if (s.get(i, 4) >= 20) {
                        boxes.add(new Box(s.get(i, 0), s.get(i, 1), s.get(i, 0) + s.get(i, 2),
                                s.get(i, 1) + s.get(i, 3)));
                    }
                }
            }
        }
        return boxes;
    }

    private Path writeScript(Path dir, String file, boolean blink) throws IOException {
        Files.writeString(dir.resolve("clock.txt"), CLOCK, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("counters.txt"), COUNTERS, StandardCharsets.UTF_8);
        List<String> filters = new ArrayList<>();
        for (String line : lines) {
            String l = line.replace("textfile=CLOCK", "textfile=" + dir.resolve("clock.txt"))
                    .replace("textfile=COUNTERS", "textfile=" + dir.resolve("counters.txt"));
            if (!blink) {
                l = l.replace(BLINK, "");
            }
            filters.add("drawtext=fontfile=" + FONT + ":" + l);
        }
        Path script = dir.resolve(file);
        Files.writeString(script, String.join(",\n", filters), StandardCharsets.UTF_8);
        return script;
    }

    private static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + output);
        }
    }
}
