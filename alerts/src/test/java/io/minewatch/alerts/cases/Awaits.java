package io.minewatch.alerts.cases;

import io.minewatch.alerts.testing.Await;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls with the case tests' deadline (never a sleep standing in for a condition). */
final class Awaits {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private Awaits() {
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, DEADLINE, what);
    }
}
