package io.minewatch.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.testkit.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/evaluate} on the labelled clips with the default model card at 5 fps, events matched
 * to the labelled boxes: every required heavy vehicle found (recall at least 0.9) on both clips; on a
 * motorway clip with cars only, no heavy-vehicle alert at all and still a heavy_vehicle row; and the
 * JSON report of a run holds every event with its time, box, label, score and the appearance it
 * claimed or why not.
 */
class EvaluateTest {
    @TempDir
    Path dir;

    private record Run(Evaluate.Result result, String report, JsonNode json) {
    }

    private Run run(String clip, String labelsFile) throws Exception {
        Path labelsPath = SharedFiles.models().getParent().resolve("labels").resolve(labelsFile);
        Labels labels = Labels.read(labelsPath);
        ModelCard card = ModelCard.load(SharedFiles.models().resolve("yolox-nano"));
        Evaluate.Result r = Evaluate.run(SharedFiles.video(clip), labels, card, CameraDetection.DEFAULT, 5, 0.5, dir);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Evaluate.print(SharedFiles.video(clip), labels, r, 0.5, new PrintStream(report, true, StandardCharsets.UTF_8));
        System.out.println(report.toString(StandardCharsets.UTF_8));
        Path json = dir.resolve(labelsFile + ".json");
        JsonReport.write(json, SharedFiles.video(clip), labelsPath, labels, r, 5, 0.5);
        return new Run(r, report.toString(StandardCharsets.UTF_8), new ObjectMapper().readTree(json.toFile()));
    }

    @Test
    void heavyVehicleRecallOnTheHaarClip() throws Exception {
        Run run = run(SharedFiles.HAAR, "andrewssobral_haar_video1.labels");
        Scorer.Score s = run.result().scores().get("heavy_vehicle");
        assertTrue(s.labels() >= 1, "the labels list the tanker");
        assertTrue(s.recall() >= 0.9, "recall " + s.recall());
        assertTheJsonReportHoldsEveryEvent(run);
        // the tanker (appearance 1) is claimed by an event whose box is on its labelled box
        JsonNode tanker = run.json().get("appearances").get(0);
        assertTrue(tanker.get("found").asBoolean() && !tanker.get("boxes").isEmpty(), tanker.toString());
        JsonNode claim = run.json().get("events").get(tanker.get("event").asInt() - 1);
        assertEquals(1, claim.get("appearance").asInt());
        assertTrue(claim.get("iou").asDouble() >= BoxMatch.MIN_IOU || claim.get("centre_inside").asBoolean(),
                claim.toString());
    }

    @Test
    void heavyVehicleRecallOnTheTrafficClip() throws Exception {
        Run run = run(SharedFiles.TRAFFIC, "cKuhn517_cvTrafficCam_traffic.labels");
        Scorer.Score s = run.result().scores().get("heavy_vehicle");
        assertTrue(s.labels() >= 1, "the labels list the school bus");
        assertTrue(s.recall() >= 0.9, "recall " + s.recall());
        assertTheJsonReportHoldsEveryEvent(run);
    }

    @Test
    void noHeavyVehicleAlertOnAMotorwayOfCars() throws Exception {
        Run run = run("mihailrc_highway_traffic.mp4", "mihailrc_highway_traffic.labels");
        assertEquals(0, run.result().events().stream().filter(Scorer::alerting).count(),
                "alerts: " + run.result().events());
        // an empty labels file and no event: the heavy_vehicle row is there all the same, with zeros
        assertTrue(run.report().lines().anyMatch(line -> line.matches(
                "heavy_vehicle\\s+0\\s+0\\s+-\\s+0/0\\s+0\\s+0\\s+-\\s+0\\.0")), run.report());
        JsonNode row = run.json().get("categories").get(0);
        assertEquals("heavy_vehicle", row.get("category").asText());
        assertEquals(0, row.get("events").asInt());
        assertTrue(row.get("precision").isNull() && row.get("recall").isNull(), row.toString());
        assertEquals(0.0, row.get("false_per_hour").asDouble());
    }

    /** The documented schema: every event with time, box, label, score, and its appearance or why not. */
    private static void assertTheJsonReportHoldsEveryEvent(Run run) {
        JsonNode j = run.json();
        assertEquals(JsonReport.SCHEMA, j.get("schema").asText());
        assertEquals(5.0, j.get("fps").asDouble());
        assertEquals(run.result().seconds(), j.get("video_s").asDouble(), 1e-9);
        assertEquals(0.3, j.get("box_match").get("min_iou").asDouble(), 1e-6);
        assertEquals(run.result().scores().size(), j.get("categories").size());
        assertEquals(run.result().events().size(), j.get("events").size());
        assertFalse(j.get("events").isEmpty(), "the clip has events");
        int right = 0;
        for (JsonNode e : j.get("events")) {
            for (String key : new String[] {"n", "time_s", "rule", "kind", "category", "scored_as", "label", "score",
                    "object_id", "box", "box_norm", "frame", "scored", "right", "appearance", "why"}) {
                assertTrue(e.has(key), key + " missing in " + e);
            }
            assertEquals(4, e.get("box").size(), e.toString());
            assertTrue(e.get("score").asDouble() > 0 && e.get("time_s").asDouble() >= 0, e.toString());
            if (e.get("right").asBoolean()) {
                right++;
                assertTrue(e.get("appearance").isInt() && e.get("why").isNull(), e.toString());
                JsonNode a = j.get("appearances").get(e.get("appearance").asInt() - 1);
                assertEquals(e.get("n").asInt(), a.get("event").asInt(), "the appearance names its event back");
            } else {
                assertTrue(e.get("appearance").isNull() && !e.get("why").asText().isBlank(), e.toString());
            }
        }
        int rightInRows = 0;
        for (JsonNode c : j.get("categories")) {
            rightInRows += c.get("right").asInt();
        }
        assertEquals(rightInRows, right, "the rows count the events marked right");
    }
}
