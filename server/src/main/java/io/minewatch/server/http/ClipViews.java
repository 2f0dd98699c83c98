package io.minewatch.server.http;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides which clip reads are audited as {@code clip_viewed}: every read from the clip's first byte
 * (a new playback), and any other read by a client that has no audited view of that clip within the
 * last {@link #WINDOW_NANOS} — so a download that skips byte 0 ({@code bytes=1-}) is audited too,
 * while the many range requests of one browser playback (seeks) are not each a new entry.
 *
 * <p>Bounded: the {@value #MAX_ENTRIES} most recently seen client/clip pairs are remembered; a pair
 * pushed out is audited again on its next read (more entries, never fewer).
 */
final class ClipViews {
    /** How long one audited view covers a client's further reads of the same clip. */
    static final long WINDOW_NANOS = 10L * 60 * 1_000_000_000;
    static final int MAX_ENTRIES = 4096;

    private final Map<String, Long> lastAudited = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * Records a read of {@code clip} by {@code client} that sends bytes, and says whether to audit it.
     *
     * @param fromStart whether the body starts at the clip's first byte
     * @param nowNanos  {@link System#nanoTime()} now
     */
    synchronized boolean audit(InetAddress client, String clip, boolean fromStart, long nowNanos) {
        String key = client.getHostAddress() + "|" + clip;
        Long last = lastAudited.get(key);
        if (fromStart || last == null || nowNanos - last >= WINDOW_NANOS) {
            lastAudited.put(key, nowNanos);
            return true;
        }
        return false;
    }
}
