package io.minewatch.config;

import java.util.List;
import java.util.Map;

/**
 * How detections become alerts, and who must answer them (top-level keys {@code alerts},
 * {@code townships}, {@code departments}).
 *
 * @param gapS              an activity period ends after this long without a detection (default 60)
 * @param cooldownS         after an alert ends, detections of the same camera and rule raise nothing
 *                          for this long (default 0)
 * @param stationaryIou     a detection whose box overlaps an ended alert's box this much is the same,
 *                          unmoved object and never raises again (default 0.7)
 * @param stationaryMemoryS how long ended alerts' boxes are remembered for that (default 3600)
 * @param defaultLevel      level of a rule not in {@code levels} (default quick)
 * @param levels            rule to level: quick, tough or emergency
 * @param deadlinesS        level to acknowledgement deadline, seconds (defaults 1800, 600, 120)
 * @param maxEscalations    escalation steps of one alert at most (default 3)
 * @param publishSnapshots  also publish the JPEG on {@code alerts/<site>/<camera>/snapshot} (default false)
 * @param statsIntervalS    period of {@code server/stats} (default 60; 0 = off)
 * @param suppress          daily suppression windows
 * @param townships         township teams and authority lists
 * @param departments       city departments and the rules they take
 */
public record AlertsConfig(
        double gapS,
        double cooldownS,
        double stationaryIou,
        double stationaryMemoryS,
        String defaultLevel,
        Map<String, String> levels,
        Map<String, Double> deadlinesS,
        int maxEscalations,
        boolean publishSnapshots,
        double statsIntervalS,
        List<SuppressWindow> suppress,
        List<TownshipConfig> townships,
        List<DepartmentConfig> departments) {

    /** The three urgency levels, least urgent first. */
    public static final List<String> LEVELS = List.of("quick", "tough", "emergency");

    /** Default deadlines per level, seconds. */
    public static final Map<String, Double> DEFAULT_DEADLINES_S =
            Map.of("quick", 1800.0, "tough", 600.0, "emergency", 120.0);

    /** Every default. */
    public static final AlertsConfig DEFAULT = new AlertsConfig(60, 0, 0.7, 3600, "quick", Map.of(),
            DEFAULT_DEADLINES_S, 3, false, 60, List.of(), List.of(), List.of());

    public AlertsConfig {
        levels = Map.copyOf(levels);
        deadlinesS = Map.copyOf(deadlinesS);
        suppress = List.copyOf(suppress);
        townships = List.copyOf(townships);
        departments = List.copyOf(departments);
    }

    /** The level of a rule. */
    public String level(String rule) {
        return levels.getOrDefault(rule, defaultLevel);
    }

    /** The acknowledgement deadline of a level, seconds. */
    public double deadlineS(String level) {
        return deadlinesS.getOrDefault(level, DEFAULT_DEADLINES_S.getOrDefault(level, 1800.0));
    }

    /** The township with this id, or null. */
    public TownshipConfig township(String id) {
        return townships.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /** The department that handles this rule, or null. */
    public DepartmentConfig departmentFor(String rule) {
        return departments.stream().filter(d -> d.rules().contains(rule)).findFirst().orElse(null);
    }
}
