package io.minewatch.ingest.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every push connection shares: the cameras by path, the verifier (null when no credentials are
 * configured), the per-address throttle, the connection limiter, the limits, the metrics and the media
 * idle timeout.
 */
record PushContext(Map<String, PushedCamera> cameras, DigestVerifier verifier, AuthThrottle throttle,
                   ConnectionLimiter limiter, PushLimits limits, PushMetrics metrics, Duration idleTimeout) {

    /** The camera a request URL's path names (its first segment), or null when none. */
    PushedCamera byPath(String uri) {
        try {
            String path = new URI(uri).getPath();
            List<String> parts = path == null ? List.of()
                    : List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
            return parts.isEmpty() ? null : cameras.get(parts.get(0));
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
