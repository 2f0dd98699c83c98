package io.minewatch.ingest.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push server's metric catalogue: {@code ingest.push.auth.refused{reason}} (requests answered 401:
 * no_credentials, malformed, wrong_credentials, realm_mismatch, uri_mismatch, unknown_nonce,
 * stale_nonce), {@code ingest.push.auth.cut_off} (connections closed after too many failed attempts),
 * {@code ingest.push.closed{reason}} (idle: no media within the idle timeout; replaced: a stale pusher
 * replaced by a new one; busy: refused with 453 because a healthy pusher holds the camera; throttled:
 * an address with too many attempts queued; pipelined: a request sent during an authentication delay;
 * unread_answers: a client leaving answers unread past the write buffer's high-water mark;
 * too_many_connections: over 16 from one address or 256 in all) and
 * {@code ingest.push.errors} (unexpected failures inside a connection; should stay 0).
 */
final class PushMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void authRefused(String reason) {
        counter("ingest.push.auth.refused", "reason", reason, "RTSP push requests refused with 401").increment();
    }

    void cutOff() {
        counter("ingest.push.auth.cut_off", null, null, "push connections closed after too many failed "
                + "authentication attempts").increment();
    }

    void closed(String reason) {
        counter("ingest.push.closed", "reason", reason, "push connections closed or refused by the server")
                .increment();
    }

    void unexpected() {
        counter("ingest.push.errors", null, null, "unexpected failures in push connections").increment();
    }

    /** The count of a counter (0 when never incremented); for tests and diagnostics. */
    double count(String name, String tagValue) {
        Counter c = counters.get(name + "|" + tagValue);
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "|" + value, k -> {
            Counter.Builder b = Counter.builder(name).description(description);
            if (tag != null) {
                b.tag(tag, value);
            }
            return b.register(registry);
        });
    }
}
