package io.minewatch.ingest.push;

import java.time.Duration;

/**
 * The push server's guards against guessing and squatting.
 *
 * @param failuresPerConnection failed Digest attempts after which a connection is closed
 * @param nonceLifetime         how long a nonce is accepted; after that a correct answer gets 401
 *                              {@code stale=true} and a fresh nonce
 * @param firstDelay            delay before answering an attempt from an address with one recent failure;
 *                              doubles with each further failure
 * @param maxDelay              the most the delay grows to
 * @param forgetAfter           an address's failures are forgotten after this long without one
 * @param staleHolder           a pusher with no media for this long may be replaced by a new authenticated
 *                              pusher of the same camera
 */
public record PushLimits(int failuresPerConnection, Duration nonceLifetime, Duration firstDelay, Duration maxDelay,
                  Duration forgetAfter, Duration staleHolder) {
    /** The limits the server runs with. */
    public static final PushLimits DEFAULTS = new PushLimits(3, Duration.ofSeconds(60), Duration.ofMillis(500),
            Duration.ofSeconds(8), Duration.ofMinutes(10), Duration.ofSeconds(3));

    /** Checks the bounds. */
    public PushLimits {
        if (failuresPerConnection < 1 || nonceLifetime.isNegative() || firstDelay.isNegative()
                || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.isNegative() || staleHolder.isNegative()) {
            throw new IllegalArgumentException("bad push limits");
        }
    }
}
