package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.server.web.Browser;
import io.minewatch.testkit.FfmpegCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replay page's checks in Chromium, on a page already open and signed in: the clip plays, the overlay
 * follows each presented frame, a seek to a track point's offset_s presents that frame with the point's
 * box drawn where the track says (within 3 px, read back from the canvas's own pixels), one frame forward
 * and back, speed, jump to the alert's start.
 */
final class ReplayPage {
    private ReplayPage() {
    }

    /** Waits for the clip and snapshot; checks the evidence link. */
    static void awaitLoaded(Browser b, String base, String id) {
        b.waitVisible(Browser.byTest("replay-view"));
        b.waitFor("the clip loaded", d -> ((Number) b.script(
                "return document.getElementById('video').readyState;")).intValue() >= 2);
        b.waitFor("the snapshot loaded", d -> Boolean.TRUE.equals(b.script(
                "const i = document.getElementById('snapshot'); return i.complete && i.naturalWidth > 0;")));
        assertEquals(base + "/api/alerts/" + id + "/evidence.zip",
                b.find(Browser.byTest("replay-evidence")).getAttribute("href"));
    }

    /** Plays, seeks to the point, checks the drawn box against it (screenshot {@code shot}), steps, speed, jump. */
    static void playsAndDrawsTheTrack(Browser b, JsonNode point, Path clip, double alertStartS, String shot)
            throws Exception {
        // It plays: the picture advances and the overlay follows each presented frame.
        double before = time(b, "return document.getElementById('video').currentTime;");
        b.find(Browser.byTest("replay-play")).click();
        b.waitFor("the video plays", d -> time(b, "return document.getElementById('video').currentTime;") > before + 0.5);
        b.waitFor("the overlay follows", d -> time(b, "return window.mwReplay.mediaTime || 0;") > before + 0.3);
        b.find(Browser.byTest("replay-play")).click();

        // Put the video on the point's frame; the drawn box is where the track says.
        double at = point.get("offset_s").asDouble();
        long framesBefore = ((Number) b.script("return window.mwReplay.frames;")).longValue();
        b.script("window.mwReplay.seek(arguments[0]);", at);
        b.waitFor("the frame at offset_s presented and drawn", d -> ((Number) b.script("return window.mwReplay.frames;"))
                .longValue() > framesBefore && !Boolean.TRUE.equals(b.script("return document.getElementById('video').seeking;")));
        System.out.println("replay: seek to " + at + " presented mediaTime " + b.script("return window.mwReplay.frameTime;")
                + ", last drawn " + b.script("return window.mwReplay.mediaTime;")
                + ", currentTime " + b.script("return document.getElementById('video').currentTime;"));
        assertEquals(at, time(b, "return window.mwReplay.frameTime;"), 0.002, "the frame presented at offset_s");
        @SuppressWarnings("unchecked")
        Map<String, Object> drawn = (Map<String, Object>) b.script(
                "const r = document.getElementById('video').getBoundingClientRect();"
                        + "const box = window.mwReplay.boxes.find(x => x.object_id === arguments[0]);"
                        + "if (!box) return null;"
                        + "const c = document.getElementById('overlay'), k = c.width / c.clientWidth;"
                        + "const g = c.getContext('2d'), y = Math.round((box.y1 + box.y2) / 2 * k);"
                        + "const px = g.getImageData(Math.round(box.x1 * k), y, 1, 1).data;"
                        + "const inside = g.getImageData(Math.round((box.x1 + box.x2) / 2 * k), y, 1, 1).data;"
                        + "return {w: r.width, h: r.height, x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2,"
                        + " edge: Array.from(px), inside: Array.from(inside)};",
                point.get("object_id").asLong());
        assertNotNull(drawn, "no box drawn for object " + point.get("object_id"));
        double w = ((Number) drawn.get("w")).doubleValue();
        double h = ((Number) drawn.get("h")).doubleValue();
        JsonNode n = point.get("box_norm");
        double[] want = {n.get(0).asDouble() * w, n.get(1).asDouble() * h, n.get(2).asDouble() * w, n.get(3).asDouble() * h};
        String[] keys = {"x1", "y1", "x2", "y2"};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], ((Number) drawn.get(keys[i])).doubleValue(), 3.0, keys[i] + " drawn vs track: " + drawn);
        }
        List<?> edge = (List<?>) drawn.get("edge");
        assertTrue(((Number) edge.get(0)).intValue() > 200 && ((Number) edge.get(1)).intValue() < 90
                && ((Number) edge.get(3)).intValue() > 200, "the canvas has the red box edge at x1: " + drawn);
        assertTrue(((Number) ((List<?>) drawn.get("inside")).get(3)).intValue() == 0, "the box is not filled: " + drawn);
        Path file = b.screenshot(shot);
        System.out.println("replay: box drawn at " + drawn + " for track " + n + "; screenshot " + file.toAbsolutePath());

        // One frame forward: the next frame of the clip on screen, the overlay redrawn for it; and back.
        List<Double> frames = framePts(clip);
        double next = frames.stream().filter(f -> f > at + 0.0005).findFirst().orElseThrow();
        b.find(Browser.byTest("replay-step-fwd")).click();
        b.waitFor("stepped to the next frame " + next, d -> Math.abs(time(b, "return window.mwReplay.frameTime;") - next) < 0.001
                && Math.abs(time(b, "return window.mwReplay.mediaTime;") - next) < 0.001);
        b.find(Browser.byTest("replay-step-back")).click();
        b.waitFor("stepped back to " + at, d -> Math.abs(time(b, "return window.mwReplay.frameTime;") - at) < 0.001);
        // Speed.
        b.script("const s = document.getElementById('speed'); s.value = '2'; s.dispatchEvent(new Event('change'));");
        assertEquals(2.0, time(b, "return document.getElementById('video').playbackRate;"));
        // Jump to the alert's start (the frame that raised it).
        b.find(Browser.byTest("replay-jump")).click();
        b.waitFor("jumped to the alert's start", d -> Math.abs(time(b,
                "return document.getElementById('video').currentTime;") - alertStartS) < 0.01);
    }

    static double time(Browser b, String js) {
        Object v = b.script(js);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /** Presentation times of the clip's frames, seconds from its start. */
    static List<Double> framePts(Path clip) throws Exception {
        String out = FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "frame=pts_time", "-of", "csv=p=0", clip.toString());
        List<Double> pts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                pts.add(Double.parseDouble(line.strip().replace(",", "")));
            }
        }
        assertTrue(pts.size() > 10, "frames of the clip: " + pts.size());
        return pts;
    }
}
