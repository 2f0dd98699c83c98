package io.minewatch.ingest.push;

import java.time.Duration;
import java.util.Map;

/**
 * What every push connection shares: the cameras by path, the verifier (null when no credentials are
 * configured), the per-address throttle, the connection limiter, the limits, the metrics and the media
 * idle timeout.
 */
record PushContext(Map<String, PushedCamera> cameras, DigestVerifier verifier, AuthThrottle throttle,
                   ConnectionLimiter limiter, PushLimits limits, PushMetrics metrics, Duration idleTimeout) {
}
