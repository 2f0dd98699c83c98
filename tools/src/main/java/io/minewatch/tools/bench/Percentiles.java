package io.minewatch.tools.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Nearest-rank percentiles of a sample, in milliseconds. */
final class Percentiles {
    private final List<Double> values = new ArrayList<>();

    synchronized void add(double ms) {
        values.add(ms);
    }

    synchronized int count() {
        return values.size();
    }

    synchronized double p(double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    String summary() {
        return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms", count(), p(50), p(95), p(99));
    }
}
