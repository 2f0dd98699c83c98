package io.minewatch.ingest.rtmp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RTMP server's metric catalogue: {@code ingest.rtmp.auth.refused{reason}} (publishes refused:
 * no_credentials, wrong_credentials), {@code ingest.rtmp.closed{reason}} (connections closed or
 * refused by the server: corrupt: a bad handshake, chunk or AMF0 command; bad_app: an application other
 * than {@code live}; unknown_camera; busy: another publisher holds the camera; replaced: a stale
 * publisher replaced; unsupported_codec: video other than H.264; idle: no video within the idle
 * timeout; throttled: an address with too many attempts queued; pipelined: a command sent while a
 * publish was being judged; unread_answers: answers left unread past the write buffer's high-water mark;
 * too_many_connections) and {@code ingest.rtmp.errors} (unexpected failures; should stay 0). Per-camera
 * counts (bytes, access units, drops by reason) are the ingest's {@code ingest.*{camera}}.
 */
final class RtmpMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RtmpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void authRefused(String reason) {
        counter("ingest.rtmp.auth.refused", "reason", reason, "RTMP publishes refused for their credentials")
                .increment();
    }

    void closed(String reason) {
        counter("ingest.rtmp.closed", "reason", reason, "RTMP connections closed or refused by the server")
                .increment();
    }

    void unexpected() {
        counter("ingest.rtmp.errors", null, null, "unexpected failures in RTMP connections").increment();
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
