package io.minewatch.alerts.cases;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** The case loop's meters (names in {@link AlertMetrics}). */
final class CaseMetrics {
    private final MeterRegistry registry;
    private final AtomicLong overdue = new AtomicLong();

    CaseMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(AlertMetrics.CASES_WHISTLES_OVERDUE, overdue);
    }

    void opened(String source) {
        registry.counter(AlertMetrics.CASES_OPENED, AlertMetrics.TAG_SOURCE, source).increment();
    }

    void whistled(String department, String level) {
        registry.counter(AlertMetrics.CASES_WHISTLES, AlertMetrics.TAG_DEPARTMENT, department,
                AlertMetrics.TAG_LEVEL, level).increment();
    }

    void escalated() {
        registry.counter(AlertMetrics.CASES_ESCALATIONS).increment();
    }

    void overdue(long n) {
        overdue.set(n);
    }
}
