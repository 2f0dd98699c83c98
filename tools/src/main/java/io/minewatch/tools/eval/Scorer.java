package io.minewatch.tools.eval;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.rules.Heavy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores events against labels, per category, one to one: each event may claim one label of its
 * category (and zone, when the label names one) whose time range, widened by a slack, holds it and,
 * when the label has boxes, whose box at the event's time the event's box is on ({@link BoxMatch}),
 * and each label is claimed once — the earliest-ending free label first. A label claimed is found; an
 * event that claims one is right; a second event for one appearance (a re-alert) is a false alert.
 * Events claim required appearances first, then optional ones: an event for an optional appearance
 * is right, and recall counts required appearances only. Only events that raise alerts count:
 * kinds {@code object}, {@code enter}, {@code stationary}, {@code count}; heavy machinery of any
 * model category counts as {@code heavy_vehicle}.
 */
public final class Scorer {

    /**
     * One category's numbers: {@code labels}/{@code found} are required appearances,
     * {@code optional}/{@code optionalFound} the optional ones; {@code right} counts events that
     * claimed either.
     */
    public record Score(String category, int labels, int found, int optional, int optionalFound, int events,
                        int right, double hours) {
        public double recall() {
            return labels == 0 ? Double.NaN : found / (double) labels;
        }

        public double precision() {
            return events == 0 ? Double.NaN : right / (double) events;
        }

        public double falsePerHour() {
            return (events - right) / hours;
        }
    }

    private Scorer() {
    }

    /**
     * The category an event counts under: its own when the labels use it, else {@code heavy_vehicle}
     * for any heavy machinery (a COCO card's "truck" and a site card's "dump_truck" alike).
     */
    static String category(DetectionEvent e, Set<String> labelled) {
        if (labelled.contains(e.category())) {
            return e.category();
        }
        return Heavy.is(e.category()) ? Category.HEAVY_VEHICLE.wire() : e.category();
    }

    static Set<String> labelled(Labels labels) {
        Set<String> out = new HashSet<>();
        labels.appearances().forEach(a -> out.add(a.category()));
        return out;
    }

    static boolean alerting(DetectionEvent e) {
        return switch (e.kind()) {
            case "object", "enter", "stationary", "count" -> true;
            default -> false;
        };
    }

    /** Whether an event is scored: it raises an alert and is about an object, not the camera. */
    private static boolean counts(DetectionEvent e) {
        return alerting(e) && !Category.CAMERA.wire().equals(e.category());
    }

    public static Map<String, Score> score(Labels labels, List<DetectionEvent> events, double seconds, double slack) {
        return score(labels, events, seconds, slack, Set.of());
    }

    /**
     * Scores, with a row for every category in {@code always} too (zeros included), besides those the
     * labels or the events name: an empty labels file and a quiet clip still give their rows.
     */
    public static Map<String, Score> score(Labels labels, List<DetectionEvent> events, double seconds, double slack,
                                           Set<String> always) {
        Set<String> labelled = labelled(labels);
        Matching m = match(labels, events, slack);
        TreeSet<String> categories = new TreeSet<>(labelled);
        categories.addAll(always);
        events.stream().filter(Scorer::counts).forEach(e -> categories.add(category(e, labelled)));
        Map<String, Score> out = new LinkedHashMap<>();
        for (String c : categories) {
            int required = 0;
            int found = 0;
            int optional = 0;
            int optionalFound = 0;
            for (int j = 0; j < labels.appearances().size(); j++) {
                Labels.Appearance a = labels.appearances().get(j);
                if (!a.category().equals(c)) {
                    continue;
                }
                int hit = m.foundLabels()[j] ? 1 : 0;
                if (a.optional()) {
                    optional++;
                    optionalFound += hit;
                } else {
                    required++;
                    found += hit;
                }
            }
            int scored = 0;
            int right = 0;
            for (int i = 0; i < events.size(); i++) {
                if (counts(events.get(i)) && category(events.get(i), labelled).equals(c)) {
                    scored++;
                    right += m.rightEvents()[i] ? 1 : 0;
                }
            }
            out.put(c, new Score(c, required, found, optional, optionalFound, scored, right, seconds / 3600.0));
        }
        return out;
    }

    /** Event index → label index of the one-to-one matching: required labels first, then optional ones. */
    static Map<Integer, Integer> claimed(List<Labels.Appearance> ls, List<DetectionEvent> es, double slack) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        boolean[] taken = new boolean[ls.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < es.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Double.compare(es.get(x).streamOffsetS(), es.get(y).streamOffsetS()));
        for (boolean optional : new boolean[] {false, true}) {
            for (int i : order) {
                if (out.containsKey(i)) {
                    continue;
                }
                int best = -1;
                for (int j = 0; j < ls.size(); j++) {
                    if (!taken[j] && ls.get(j).optional() == optional && matches(ls.get(j), es.get(i), slack)
                            && (best < 0 || ls.get(j).end() < ls.get(best).end())) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    taken[best] = true;
                    out.put(i, best);
                }
            }
        }
        return out;
    }

    /**
     * Which events claimed a label and which labels were claimed, in the order given.
     *
     * @param rightEvents per event: it claimed a labelled appearance
     * @param foundLabels per appearance: an event claimed it
     * @param appearance  per event: the index of the appearance it claimed, or -1
     * @param why         per event: why it claimed nothing (null when it claimed one)
     */
    public record Matching(boolean[] rightEvents, boolean[] foundLabels, int[] appearance, String[] why) {
    }

    /** The one-to-one matching of {@link #score}, per event and per label. */
    public static Matching match(Labels labels, List<DetectionEvent> events, double slack) {
        boolean[] right = new boolean[events.size()];
        boolean[] found = new boolean[labels.appearances().size()];
        int[] claimedLabel = new int[events.size()];
        java.util.Arrays.fill(claimedLabel, -1);
        int[] claimer = new int[labels.appearances().size()];
        java.util.Arrays.fill(claimer, -1);
        Set<String> labelled = labelled(labels);
        TreeSet<String> categories = new TreeSet<>(labelled);
        events.forEach(e -> categories.add(category(e, labelled)));
        for (String c : categories) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (counts(events.get(i)) && category(events.get(i), labelled).equals(c)) {
                    idx.add(i);
                }
            }
            List<Integer> lidx = new ArrayList<>();
            for (int j = 0; j < labels.appearances().size(); j++) {
                if (labels.appearances().get(j).category().equals(c)) {
                    lidx.add(j);
                }
            }
            List<DetectionEvent> es = idx.stream().map(events::get).toList();
            List<Labels.Appearance> ls = lidx.stream().map(labels.appearances()::get).toList();
            claimed(ls, es, slack).forEach((e, l) -> {
                right[idx.get(e)] = true;
                found[lidx.get(l)] = true;
                claimedLabel[idx.get(e)] = lidx.get(l);
                claimer[lidx.get(l)] = idx.get(e);
            });
        }
        String[] why = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            if (!right[i]) {
                why[i] = why(labels, events.get(i), category(events.get(i), labelled), slack, claimer);
            }
        }
        return new Matching(right, found, claimedLabel, why);
    }

    /** Why event {@code e} (scored as {@code c}) claimed no appearance; appearances numbered from 1. */
    private static String why(Labels labels, DetectionEvent e, String c, double slack, int[] claimer) {
        if (!alerting(e)) {
            return "kind '" + e.kind() + "' raises no alert: not scored";
        }
        if (Category.CAMERA.wire().equals(e.category())) {
            return "an event about the camera: not scored";
        }
        List<String> offBox = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        boolean otherZone = false;
        for (int j = 0; j < labels.appearances().size(); j++) {
            Labels.Appearance a = labels.appearances().get(j);
            if (!a.category().equals(c) || !a.covers(e.streamOffsetS(), slack)) {
                continue;
            }
            if (!Objects.equals(a.zone(), e.zone())) {
                otherZone = true;
                continue;
            }
            BoxMatch b = BoxMatch.of(a, e);
            if (!b.ok()) {
                offBox.add("appearance " + (j + 1) + " (" + b.describe() + ")");
            } else {
                taken.add("appearance " + (j + 1) + " already claimed by event " + (claimer[j] + 1));
            }
        }
        if (!taken.isEmpty()) {
            return "repeat: " + String.join("; ", taken);
        }
        if (!offBox.isEmpty()) {
            return "box on no labelled " + c + ": " + String.join("; ", offBox);
        }
        return "no labelled " + c + " appearance" + (otherZone ? " in zone " + (e.zone() == null ? "-" : e.zone()) : "")
                + " at " + String.format(java.util.Locale.ROOT, "%.1f", e.streamOffsetS()) + " s ± " + slack + " s";
    }

    private static boolean matches(Labels.Appearance a, DetectionEvent e, double slack) {
        return a.covers(e.streamOffsetS(), slack) && Objects.equals(a.zone(), e.zone()) && BoxMatch.of(a, e).ok();
    }
}
