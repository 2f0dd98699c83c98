package io.minewatch.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs at real speed from a chosen instant and that the test can move forward by hand
 * (a deadline passes without waiting an hour), so that everything that waits on time still advances.
 */
final class ShiftedClock extends Clock {
    private final long startNanos = System.nanoTime();
    private final Instant start;
    private volatile Duration jumped = Duration.ZERO;

    ShiftedClock(Instant start) {
        this.start = start;
    }

    void advance(Duration d) {
        jumped = jumped.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return start.plus(jumped).plusNanos(System.nanoTime() - startNanos);
    }
}
