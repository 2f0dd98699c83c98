package io.minewatch.ingest.source;

import io.minewatch.config.CameraConfig;
import io.minewatch.config.Redact;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a camera's configuration into the {@link SourceSpec} of its detect stream. */
public final class SourceSpecs {

    /** How long a network read may stall before the source counts as broken. */
    public static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

    private SourceSpecs() {
    }

    /** The detect stream of a camera. */
    public static SourceSpec detect(CameraConfig camera) {
        String uri = camera.detect();
        if (camera.isPushed()) {
            return new SourceSpec(camera.id(), SourceSpec.Kind.RTSP, uri, "push:/" + camera.id(), Map.of(),
                    false, false);
        }
        if (camera.isRtmp()) {
            // Published to the RTMP server; its access units reach the same ring as a pushed camera's.
            return new SourceSpec(camera.id(), SourceSpec.Kind.RTSP, uri, "rtmp:/live/" + camera.id(), Map.of(),
                    false, false);
        }
        if (!camera.isNetworkSource()) {
            return new SourceSpec(camera.id(), SourceSpec.Kind.FILE, uri, uri, Map.of(),
                    camera.realtime(), camera.loop());
        }
        Map<String, String> options = new LinkedHashMap<>();
        // TCP interleaving survives NAT and lossy links; UDP loses packets silently.
        options.put("rtsp_transport", "tcp");
        // FFmpeg 8 names the socket I/O timeout "timeout", in microseconds.
        options.put("timeout", Long.toString(NETWORK_TIMEOUT.toNanos() / 1000));
        options.put("allowed_media_types", "video");
        return new SourceSpec(camera.id(), SourceSpec.Kind.RTSP, uri, Redact.text(uri), options,
                false, false);
    }
}
