package io.minewatch.alerts.cases.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running counts of one group while the reader walks the rows; {@link #figures()} freezes them. */
final class Tally {
    static final List<String> SOURCES = List.of("alert", "flight", "hotline", "patrol");
    static final List<String> LEVELS = List.of("quick", "tough", "emergency");

    int opened;
    final Map<String, Integer> bySource = zeros(SOURCES);
    int closed;
    int dispatches;
    int onSite;
    int lateOnSite;
    long persons;
    long vehicles;
    int inspections;
    int jointActions;
    int whistles;
    final Map<String, Integer> byLevel = zeros(LEVELS);
    final List<Long> ackMs = new ArrayList<>();
    final List<Long> reportMs = new ArrayList<>();
    int overdue;
    int acknowledged;
    int reported;
    int notices;
    int penalties;
    long penaltyFen;
    final List<Long> alertToOnSiteMs = new ArrayList<>();
    int reviews;
    int reviewsPassed;

    static Map<String, Integer> zeros(List<String> keys) {
        Map<String, Integer> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, 0));
        return m;
    }

    Figures figures() {
        List<Long> ack = sorted(ackMs);
        List<Long> report = sorted(reportMs);
        List<Long> onSiteTimes = sorted(alertToOnSiteMs);
        return new Figures(opened, bySource, closed, Percentiles.rate(closed, opened), dispatches, onSite, lateOnSite,
                persons, vehicles, inspections, jointActions, whistles, byLevel,
                Percentiles.minutes(Percentiles.nearestRank(ack, 50)),
                Percentiles.hours(Percentiles.nearestRank(report, 50)), overdue, notices, penalties,
                BigDecimal.valueOf(penaltyFen, 2),
                Percentiles.minutes(Percentiles.nearestRank(onSiteTimes, 50)),
                Percentiles.minutes(Percentiles.nearestRank(onSiteTimes, 90)),
                reviews, reviewsPassed, Percentiles.rate(reviewsPassed, reviews));
    }

    DepartmentFigures department() {
        return new DepartmentFigures(whistles, byLevel,
                Percentiles.minutes(Percentiles.nearestRank(sorted(ackMs), 50)),
                Percentiles.hours(Percentiles.nearestRank(sorted(reportMs), 50)), overdue, acknowledged, reported);
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }
}
