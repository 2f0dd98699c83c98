package io.minewatch.detect.track;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One object followed across detect frames: where it is, how it moves, what it was seen as, its
 * best snapshot, whether it stands still, and which zones it is in. Owned by one
 * {@link IouTracker}, so touched by one thread at a time.
 *
 * <p>The best snapshot is one cloned frame (native memory) kept per live track, replaced when a
 * better-scored sighting comes and closed when the tracker forgets the track.
 */
public final class Track {
    /** Least travel of the centre from where the object was first seen, in units of its size, that counts as moved. */
    public static final float MOVED_TRAVEL = 0.5f;
    /** Least growth or shrinkage of the box's area against the first box's that counts as moved. */
    public static final float MOVED_SCALE = 1.6f;
    /**
     * Consecutive sightings that must each be away from the first box (by travel or scale) before
     * the object counts as moved: one odd box — a passing car matched to a parked one, two vehicles
     * boxed as one — is not movement.
     */
    public static final int MOVED_SIGHTINGS = 2;
    /** Boxes overlapping the stationary anchor at least this much count as not moved. */
    static final float STILL_IOU = 0.7f;

    private final long id;
    private final Category group;
    private final long firstSeenMicros;
    private final Box firstBox;
    private float travelled;
    private float scaleChange = 1;
    private int awaySightings;
    private boolean moved;
    private Box box;
    private float vx;
    private float vy;
    private long lastSeenMicros;
    private int hits;
    private int misses;
    private Detection lastDetection;
    private boolean matchedNow;
    private Box anchor;
    private long anchorMicros;
    private boolean stationary;
    private Mat bestFrame;
    private Detection bestDetection;
    private long bestMicros;
    private Set<String> zones = Set.of();
    private final Set<String> entered = new LinkedHashSet<>();

    Track(long id, Category group, Detection detection, long ptsMicros) {
        this.id = id;
        this.group = group;
        this.firstSeenMicros = ptsMicros;
        this.box = detection.box();
        this.firstBox = box;
        this.lastSeenMicros = ptsMicros;
        this.lastDetection = detection;
        this.hits = 1;
        this.matchedNow = true;
        this.anchor = box;
        this.anchorMicros = ptsMicros;
    }

    /** Where the box should be at this time if the object keeps its speed (a still one does not move). */
    Box predict(long ptsMicros) {
        if (stationary) {
            return box;
        }
        float dt = (ptsMicros - lastSeenMicros) / 1e6f;
        return box.shift(vx * dt, vy * dt);
    }

    void update(Detection detection, long ptsMicros, long stationaryMicros) {
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
        noteTravel();
        lastSeenMicros = ptsMicros;
        lastDetection = detection;
        hits++;
        misses = 0;
        matchedNow = true;
        if (box.iou(anchor) < STILL_IOU) {
            anchor = box;
            anchorMicros = ptsMicros;
            stationary = false;
        } else if (ptsMicros - anchorMicros >= stationaryMicros) {
            stationary = true;
            vx = 0;
            vy = 0;
        }
    }

    /** How far the box has gone from where it was first seen, and how much it grew or shrank. */
    private void noteTravel() {
        float size = (float) Math.sqrt(Math.max(1f, firstBox.area()));
        float dx = box.centerX() - firstBox.centerX();
        float dy = box.centerY() - firstBox.centerY();
        float travel = (float) Math.sqrt(dx * dx + dy * dy) / size;
        float ratio = Math.max(1f, box.area()) / Math.max(1f, firstBox.area());
        float scale = Math.max(ratio, 1 / ratio);
        travelled = Math.max(travelled, travel);
        scaleChange = Math.max(scaleChange, scale);
        awaySightings = travel >= MOVED_TRAVEL || scale >= MOVED_SCALE ? awaySightings + 1 : 0;
        moved |= awaySightings >= MOVED_SIGHTINGS;
    }

    /**
     * Keeps a clone of the frame when this sighting is better than the best so far: heavy machinery
     * outranks any other category (an event about a heavy vehicle shows it seen as one), then the
     * higher score wins.
     */
    void offerSnapshot(Mat frame, long ptsMicros) {
        if (frame == null || !matchedNow || bestDetection != null && !better(lastDetection, bestDetection)) {
            return;
        }
        if (bestFrame != null) {
            bestFrame.close();
        }
        bestFrame = frame.clone();
        bestDetection = lastDetection;
        bestMicros = ptsMicros;
    }

    private static boolean better(Detection a, Detection b) {
        boolean ah = a.category() != null && a.category().heavy();
        boolean bh = b.category() != null && b.category().heavy();
        if (ah != bh) {
            return ah;
        }
        return a.score() > b.score();
    }

    /** Sets the zones the bottom centre is in now; returns the zones entered by this update. */
    Set<String> moveTo(Set<String> now) {
        Set<String> newly = new LinkedHashSet<>(now);
        newly.removeAll(zones);
        zones = Set.copyOf(now);
        entered.addAll(now);
        return newly;
    }

    void unmatched() {
        matchedNow = false;
    }

    void missed() {
        misses++;
    }

    int misses() {
        return misses;
    }

    /** Frees the snapshot's native memory; the track is forgotten. */
    void release() {
        if (bestFrame != null) {
            bestFrame.close();
            bestFrame = null;
        }
    }

    public long id() {
        return id;
    }

    public Category group() {
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

    /** True when the box has not moved for the tracker's stationary time. */
    public boolean stationary() {
        return stationary;
    }

    /** Since when the box has stood where it is (stream micros). */
    public long stillSinceMicros() {
        return anchorMicros;
    }

    /**
     * The farthest the box's centre has been from where it was first seen, in units of the first
     * box's size (the square root of its area): 0 for an object that never moved.
     */
    public float travelled() {
        return travelled;
    }

    /**
     * Whether the object has shown that it moves: {@value #MOVED_SIGHTINGS} sightings in a row with
     * the centre at least {@value #MOVED_TRAVEL} of its size from where it was first seen, or the
     * box's area {@value #MOVED_SCALE} times larger or smaller (driving towards or away from the
     * camera). Once true, stays true.
     */
    public boolean moved() {
        return moved;
    }

    /** The largest factor by which the box's area differed from the first box's (1: never). */
    public float scaleChange() {
        return scaleChange;
    }

    /** The best-scored sighting's frame (owned by the track: clone to keep), or null. */
    public Mat bestFrame() {
        return bestFrame;
    }

    /** The best sighting (heavy machinery first, then by score), or null before the first snapshot. */
    public Detection bestDetection() {
        return bestDetection;
    }

    /** When the best sighting was seen (stream micros). */
    public long bestMicros() {
        return bestMicros;
    }

    /** The zones the box's bottom centre is in now. */
    public Set<String> zones() {
        return zones;
    }

    /** Every zone the object has been in. */
    public Set<String> enteredZones() {
        return Collections.unmodifiableSet(entered);
    }
}
