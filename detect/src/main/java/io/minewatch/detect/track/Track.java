package io.minewatch.detect.track;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Detection;

/**
 * One object followed across detect frames: where it is, how it moves, and what it was last seen as.
 * Owned by one {@link IouTracker}, so touched by one thread only.
 */
public final class Track {
    private final long id;
    private final String group;
    private final long firstSeenMicros;
    private Box box;
    private float vx;
    private float vy;
    private long lastSeenMicros;
    private int hits;
    private Detection lastDetection;
    private boolean matchedNow;

    Track(long id, String group, Detection detection, long ptsMicros) {
        this.id = id;
        this.group = group;
        this.firstSeenMicros = ptsMicros;
        this.box = detection.box();
        this.lastSeenMicros = ptsMicros;
        this.lastDetection = detection;
        this.hits = 1;
        this.matchedNow = true;
    }

    /** Where the box should be at this time if the object keeps its speed. */
    Box predict(long ptsMicros) {
        float dt = (ptsMicros - lastSeenMicros) / 1e6f;
        return box.shift(vx * dt, vy * dt);
    }

    void update(Detection detection, long ptsMicros) {
        float dt = (ptsMicros - lastSeenMicros) / 1e6f;
        if (dt > 0) {
            Box next = detection.box();
            float nvx = (next.centerX() - box.centerX()) / dt;
            float nvy = (next.centerY() - box.centerY()) / dt;
            // Smooth the speed: one jittery box should not throw the prediction off.
            vx = hits == 1 ? nvx : 0.5f * vx + 0.5f * nvx;
            vy = hits == 1 ? nvy : 0.5f * vy + 0.5f * nvy;
        }
        box = detection.box();
        lastSeenMicros = ptsMicros;
        lastDetection = detection;
        hits++;
        matchedNow = true;
    }

    void unmatched() {
        matchedNow = false;
    }

    public long id() {
        return id;
    }

    public String group() {
        return group;
    }

    public Box box() {
        return box;
    }

    public long firstSeenMicros() {
        return firstSeenMicros;
    }

    public long lastSeenMicros() {
        return lastSeenMicros;
    }

    public int hits() {
        return hits;
    }

    /** The detection matched in the latest frame, or the last one seen if none matched. */
    public Detection lastDetection() {
        return lastDetection;
    }

    /** True when a detection was matched to this track in the latest frame. */
    public boolean matchedNow() {
        return matchedNow;
    }
}
