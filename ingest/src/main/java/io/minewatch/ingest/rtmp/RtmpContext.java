package io.minewatch.ingest.rtmp;

import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.push.AuthThrottle;
import io.minewatch.ingest.push.ConnectionLimiter;
import io.minewatch.ingest.push.PushedCamera;
import java.time.Duration;
import java.util.Map;

/**
 * What every RTMP connection shares: the cameras by id, the configuration (credentials, idle timeout),
 * the per-address throttle and connection limiter (the RTSP push server's, reused), and the metrics.
 */
record RtmpContext(Map<String, PushedCamera> cameras, RtmpConfig config, AuthThrottle throttle,
                   ConnectionLimiter limiter, RtmpMetrics metrics) {

    Duration idleTimeout() {
        return config.idleTimeout();
    }
}
