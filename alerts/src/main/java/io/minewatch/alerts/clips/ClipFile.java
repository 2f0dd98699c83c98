package io.minewatch.alerts.clips;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A clip on disk: {@code <storage>/clips/<camera>/<yyyy-MM-dd>/<alert>.mp4}.
 *
 * @param alertId  the alert it belongs to (one clip per alert; overlapping alerts share the first's)
 * @param camera   camera id
 * @param file     absolute path
 * @param relative path relative to the storage directory, '/'-separated, as the audit log names it
 * @param size     bytes
 * @param modified last write
 * @param sidecar  the alerts it covers, its state and hash
 */
public record ClipFile(String alertId, String camera, Path file, String relative, long size, Instant modified,
                       ClipSidecar sidecar) {

    /** Every alert this clip covers. */
    public java.util.List<String> alerts() {
        return sidecar.alerts();
    }

    /** Recording, complete or partial. */
    public String state() {
        return sidecar.state();
    }
}
