package io.minewatch.tools.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation report as JSON ({@code scripts/evaluate --json FILE}), schema
 * {@value #SCHEMA}: the run, one row per category, every labelled appearance and every event, each
 * event with its time, box, label and score and either the appearance it claimed or why it claimed
 * none. Appearances and events are numbered from 1 in file and event order, as the printed report
 * numbers them. Numbers that are undefined (recall with no labels, precision with no events) are null.
 */
public final class JsonReport {

    /** The report's schema id. */
    public static final String SCHEMA = "minewatch.evaluate/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Writes the report of run {@code r} to {@code file}. */
    public static void write(Path file, Path video, Path labelsFile, Labels labels, Evaluate.Result r, double fps,
                             double slack) throws IOException {
        JSON.writeValue(file.toFile(), build(video, labelsFile, labels, r, fps, slack));
    }

    /** The report as nested maps and lists, in the order written. */
    public static Map<String, Object> build(Path video, Path labelsFile, Labels labels, Evaluate.Result r, double fps,
                                            double slack) {
        Scorer.Matching m = Scorer.match(labels, r.events(), slack);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", SCHEMA);
        out.put("video", video.getFileName().toString());
        out.put("video_s", r.seconds());
        out.put("labels", labelsFile.toString());
        out.put("model", r.model());
        out.put("fps", fps);
        out.put("slack_s", slack);
        Map<String, Object> boxMatch = new LinkedHashMap<>();
        boxMatch.put("min_iou", round(BoxMatch.MIN_IOU));
        boxMatch.put("or_centre_inside", true);
        out.put("box_match", boxMatch);
        Map<String, Object> frames = new LinkedHashMap<>();
        frames.put("sampled", (long) r.sampled());
        frames.put("motion", (long) r.motion());
        frames.put("detected", (long) r.detected());
        out.put("frames", frames);
        List<Object> categories = new ArrayList<>();
        for (Scorer.Score s : r.scores().values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("category", s.category());
            c.put("labels", s.labels());
            c.put("found", s.found());
            c.put("recall", num(s.recall()));
            c.put("optional", s.optional());
            c.put("optional_found", s.optionalFound());
            c.put("events", s.events());
            c.put("right", s.right());
            c.put("precision", num(s.precision()));
            c.put("false_per_hour", num(Math.round(s.falsePerHour() * 10) / 10.0));
            categories.add(c);
        }
        out.put("categories", categories);
        int[] claimer = new int[labels.appearances().size()];
        java.util.Arrays.fill(claimer, -1);
        for (int i = 0; i < m.appearance().length; i++) {
            if (m.appearance()[i] >= 0) {
                claimer[m.appearance()[i]] = i;
            }
        }
        List<Object> appearances = new ArrayList<>();
        for (int j = 0; j < labels.appearances().size(); j++) {
            Labels.Appearance a = labels.appearances().get(j);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("n", j + 1);
            o.put("start_s", a.start());
            o.put("end_s", a.end());
            o.put("category", a.category());
            o.put("zone", a.zone());
            o.put("optional", a.optional());
            o.put("note", a.note());
            List<Object> keys = new ArrayList<>();
            for (BoxTrack.Key k : a.boxes().keys()) {
                Map<String, Object> key = new LinkedHashMap<>();
                key.put("t_s", k.t());
                key.put("box_norm", corners(k.box()));
                keys.add(key);
            }
            o.put("boxes", keys);
            o.put("found", m.foundLabels()[j]);
            o.put("event", claimer[j] < 0 ? null : claimer[j] + 1);
            appearances.add(o);
        }
        out.put("appearances", appearances);
        List<Object> events = new ArrayList<>();
        java.util.Set<String> labelled = Scorer.labelled(labels);
        for (int i = 0; i < r.events().size(); i++) {
            events.add(event(i, r.events().get(i), labelled, labels, m));
        }
        out.put("events", events);
        return out;
    }

    private static Map<String, Object> event(int i, DetectionEvent e, java.util.Set<String> labelled, Labels labels,
                                             Scorer.Matching m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("n", i + 1);
        o.put("time_s", e.streamOffsetS());
        o.put("box_time_s", e.boxOffsetS());
        o.put("rule", e.rule());
        o.put("kind", e.kind());
        o.put("category", e.category());
        o.put("scored_as", Scorer.category(e, labelled));
        o.put("label", e.label());
        o.put("score", round(e.score()));
        o.put("object_id", e.objectId());
        o.put("zone", e.zone());
        o.put("box", e.box() == null ? null : corners(e.box()));
        o.put("box_norm", e.box() == null || e.frameWidth() <= 0 || e.frameHeight() <= 0 ? null
                : corners(new Box(e.box().x1() / e.frameWidth(), e.box().y1() / e.frameHeight(),
                e.box().x2() / e.frameWidth(), e.box().y2() / e.frameHeight())));
        o.put("frame", List.of(e.frameWidth(), e.frameHeight()));
        o.put("snapshot", e.snapshot());
        o.put("scored", Scorer.alerting(e) && !io.minewatch.detect.infer.Category.CAMERA.wire().equals(e.category()));
        o.put("right", m.rightEvents()[i]);
        int j = m.appearance()[i];
        o.put("appearance", j < 0 ? null : j + 1);
        if (j >= 0) {
            BoxMatch b = BoxMatch.of(labels.appearances().get(j), e);
            o.put("labelled_box", b.labelled() == null ? null : corners(b.labelled()));
            o.put("iou", b.boxed() ? round(b.iou()) : null);
            o.put("centre_inside", b.boxed() ? b.centreInside() : null);
        }
        o.put("why", m.why()[i]);
        return o;
    }

    private static List<Double> corners(Box b) {
        return List.of(round(b.x1()), round(b.y1()), round(b.x2()), round(b.y2()));
    }

    /** To 3 decimals: pixels, fractions and scores need no more. */
    private static double round(float v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
