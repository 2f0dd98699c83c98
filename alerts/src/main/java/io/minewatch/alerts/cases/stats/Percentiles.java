package io.minewatch.alerts.cases.stats;

import java.util.List;

/** Nearest-rank percentiles: the value at rank ⌈p/100 × n⌉ of the sorted values (1-based); null when none. */
final class Percentiles {
    private Percentiles() {
    }

    /** @param sorted ascending values; @param p 0 &lt; p ≤ 100 */
    static Long nearestRank(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    /** Milliseconds as minutes, 1 decimal; null stays null. */
    static Double minutes(Long ms) {
        return ms == null ? null : Math.round(ms / 6_000.0) / 10.0;
    }

    /** Milliseconds as hours, 2 decimals; null stays null. */
    static Double hours(Long ms) {
        return ms == null ? null : Math.round(ms / 36_000.0) / 100.0;
    }

    /** num ÷ den with 4 decimals; null when den is 0. */
    static Double rate(int num, int den) {
        return den == 0 ? null : Math.round(10_000.0 * num / den) / 10_000.0;
    }
}
