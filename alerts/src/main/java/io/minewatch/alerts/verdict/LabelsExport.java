package io.minewatch.alerts.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Analysts' verdicts as a labels file of {@code scripts/evaluate} (tools/eval {@code Labels}): one
 * appearance line per confirmed alert, from the stream offset of its first frame to that of its latest
 * message ({@code stream_offset_s}: seconds from the start of the camera's stream), with its category
 * (the analyst's correction when given) and a {@code box} line (the analyst's box when drawn, else the
 * detector's best box). A false alarm is no appearance (so an alert there scores as false) and is kept
 * as a comment with its reason. Every line's note names the alert, the analyst and the time.
 */
public final class LabelsExport {
    private LabelsExport() {
    }

    /** Offsets of one alert: where it starts and ends in the stream, seconds. */
    record Span(double start, double end) {
    }

    /** The labels text. */
    public static String write(String camera, Instant since, Instant until, List<VerdictStore.Judged> judged,
                               boolean truncated) {
        StringBuilder out = new StringBuilder();
        out.append("# minewatch labels from analysts' verdicts: camera ").append(camera == null ? "(all)" : camera)
                .append(", alerts created ").append(since == null ? "-" : since.toString()).append(" .. ")
                .append(until == null ? "-" : until.toString()).append('\n');
        out.append("# times are stream offsets (seconds from the start of the camera's stream);"
                + " false alarms are comments, so alerts there score as false\n");
        out.append("# start_s end_s category zone  # alert, verdict, analyst\n");
        if (truncated) {
            out.append("# truncated: only the first ").append(judged.size()).append(" judged alerts\n");
        }
        for (VerdictStore.Judged j : judged) {
            Span span = span(j.payload());
            Verdict v = j.latest().verdict();
            String who = "alert " + j.alertId() + " " + v.verdict() + (v.reason() == null ? "" : " " + v.reason())
                    + " by " + clean(j.latest().actor()) + " at " + Instant.ofEpochMilli(j.latest().at())
                    + (v.note() == null ? "" : ": " + clean(v.note()));
            if (span == null) {
                out.append("# (no stream offset) ").append(who).append('\n');
                continue;
            }
            String category = v.category() != null ? v.category() : text(j.payload(), "category", j.rule());
            String times = num(span.start()) + " " + num(span.end());
            if (v.falseAlarm()) {
                out.append("# false_alarm ").append(times).append(' ').append(category).append(" - ")
                        .append(" # ").append(who).append('\n');
                continue;
            }
            out.append(times).append(' ').append(category).append(" -  # ").append(who).append('\n');
            List<Double> box = v.boxNorm() != null ? v.boxNorm() : boxNorm(j.payload());
            if (box != null) {
                out.append("  box ").append(num(span.end()));
                for (Double d : box) {
                    out.append(' ').append(String.format(Locale.ROOT, "%.4f", d));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Start and end offsets of an alert from its latest payload; null when it carries none. */
    static Span span(ObjectNode payload) {
        JsonNode off = payload.get("stream_offset_s");
        if (off == null || !off.isNumber() || off.asDouble() < 0) {
            return null;
        }
        double end = off.asDouble();
        double start = end;
        try {
            Instant time = Instant.parse(payload.path("time").asText());
            Instant started = Instant.parse(payload.path("started").asText());
            start = Math.max(0, end - (time.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        } catch (java.time.DateTimeException e) {
            // keep the single instant
        }
        return new Span(start, end);
    }

    /** The payload's box_norm when it is a valid box of the frame, else null. */
    static List<Double> boxNorm(ObjectNode payload) {
        JsonNode b = payload.get("box_norm");
        if (b == null || !b.isArray() || b.size() != 4) {
            return null;
        }
        List<Double> box = new ArrayList<>();
        b.forEach(v -> box.add(Math.min(1, Math.max(0, v.asDouble()))));
        return box.get(0) < box.get(2) && box.get(1) < box.get(3) ? box : null;
    }

    private static String text(ObjectNode payload, String field, String otherwise) {
        JsonNode v = payload.get(field);
        return v != null && v.isTextual() && v.asText().matches("[A-Za-z0-9_]{1,64}") ? v.asText() : otherwise;
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** One line of free text: no line breaks or control characters. */
    static String clean(String s) {
        return s.replaceAll("\\p{Cntrl}", " ");
    }
}
