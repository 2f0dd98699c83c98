package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.rules.HeavyVehicleRule;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.track.Track;
import io.minewatch.ingest.source.SourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence of a moving vehicle. The freeway clip's frame at 1.0 s — the tanker the model calls
 * "truck" at 0.69 — frozen by ffmpeg into an 8 s still loop: the model sees a heavy vehicle in
 * every frame (the detector runs on every frame here), the vehicle never moves, and no
 * {@code heavy_vehicle} alert is raised. The same tanker driving (the clip itself) still alerts:
 * {@link CameraPipelineModelTest}.
 */
class StillVehicleTest {
    @TempDir
    Path dir;

    @Test
    void aLorryThatNeverMovesRaisesNoHeavyVehicleAlert() throws Exception {
        Path png = dir.resolve("tanker.png");
        Path still = dir.resolve("tanker-still.mp4");
        ffmpeg("-ss", "1.0", "-i", Media.video(Media.HAAR).toString(), "-frames:v", "1", png.toString());
        ffmpeg("-loop", "1", "-i", png.toString(), "-t", "8", "-r", "15", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                still.toString());

        SourceSpec spec = Media.spec("still", still);
        List<DetectionEvent> events = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DjlModel model = DjlModel.load(ModelCard.load(Media.models().resolve("yolox-nano")), 1);
             CameraPipeline p = CameraPipeline.create(spec, "site-a",
                     () -> new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC()), model.newDetector(),
                     events::add, new SnapshotWriter(dir), registry)) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(100)), "the still clip did not finish");
            Track tanker = p.stage().tracks().stream()
                    .filter(t -> t.bestDetection() != null && t.bestDetection().category().heavy()
                            && t.bestDetection().score() >= 0.5f && t.hits() >= 10)
                    .findFirst().orElse(null);
            assertTrue(tanker != null, "the model no longer sees the frozen tanker as a heavy vehicle, so this test "
                    + "proves nothing: " + p.stage().tracks());
            assertTrue(!tanker.moved(), "a frozen picture moved: travelled " + tanker.travelled() + ", scale " + tanker.scaleChange());
        }
        assertEquals(List.of(), events.stream().filter(e -> e.rule().equals(HeavyVehicleRule.NAME)).toList(),
                "a vehicle that never moved raised heavy_vehicle");
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "ffmpeg failed: " + out);
    }
}
