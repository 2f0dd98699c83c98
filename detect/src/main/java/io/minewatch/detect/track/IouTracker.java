package io.minewatch.detect.track;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.Region;
import io.minewatch.detect.zones.Zones;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Follows objects across detect frames by the overlap of each track's predicted box (constant
 * speed) with the new detections, greedily, best overlap first.
 *
 * <p>At a few frames a second a fast vehicle may not overlap its last box at all, so a detection
 * whose centre lies close to the prediction and whose size is similar also matches. Vehicles of all
 * categories share one group, because a truck may be scored as a car in one frame and a truck in the
 * next; people form their own group.
 *
 * <p>A track ages only when the detector looked where it is and did not find it (the whole frame,
 * or a motion region holding its centre): with motion gating, no look means no news, and a parked
 * car must not vanish because nothing moved. A track missed for long enough is lost; a lost
 * stationary track is remembered for a while, and a detection on the same spot brings it back
 * under its old id, so a parked vehicle hidden by passing traffic stays one object. Not
 * thread-safe: one per camera.
 */
public final class IouTracker {
    /** Least overlap of a detection with a lost stationary track's box to bring it back. */
    static final float REVIVE_IOU = 0.5f;
    /** Looks in which a track must be missed before it is lost. */
    static final int MIN_MISSES = 2;

    private final float minIou;
    private final long maxAgeMicros;
    private final long stationaryMicros;
    private final long lostMemoryMicros;
    private final List<Track> tracks = new ArrayList<>();
    private final Map<Long, Long> lostAt = new TreeMap<>();
    private final List<Track> lost = new ArrayList<>();
    private final List<Track> removed = new ArrayList<>();
    private final List<Track> enteredNow = new ArrayList<>();
    private long nextId = 1;

    /**
     * @param minIou        least overlap with the prediction for a match (e.g. 0.1)
     * @param maxAgeMicros  a track missed for longer than this is lost
     */
    public IouTracker(float minIou, long maxAgeMicros) {
        this(minIou, maxAgeMicros, 10_000_000, 300_000_000);
    }

    /**
     * @param stationaryMicros a box that stays put this long marks its track stationary
     * @param lostMemoryMicros how long a lost stationary track can come back
     */
    public IouTracker(float minIou, long maxAgeMicros, long stationaryMicros, long lostMemoryMicros) {
        this.minIou = minIou;
        this.maxAgeMicros = maxAgeMicros;
        this.stationaryMicros = stationaryMicros;
        this.lostMemoryMicros = lostMemoryMicros;
    }

    /** The group an object category is tracked in. */
    public static Category group(Category category) {
        return category == Category.PERSON ? Category.PERSON : Category.VEHICLE;
    }

    /** Matches detections made on the whole frame, without snapshots or zones. */
    public List<Track> update(List<Detection> detections, long ptsMicros) {
        return update(detections, ptsMicros, List.of(), null, Zones.NONE, 1, 1);
    }

    /**
     * Matches this frame's detections to the tracks, starts tracks for the unmatched ones, ages the
     * tracks the detector looked at, and updates snapshots and zones. Returns the live tracks;
     * {@link #removedInLastUpdate()} gives the tracks forgotten for good.
     *
     * @param looked  where the detector looked; empty = the whole frame
     * @param frame   the frame, cloned into a track's snapshot when a sighting is its best; may be null
     */
    public List<Track> update(List<Detection> detections, long ptsMicros, List<Region> looked, Mat frame,
                              Zones zones, int frameWidth, int frameHeight) {
        tracks.forEach(Track::unmatched);
        removed.clear();
        enteredNow.clear();
        boolean[] detUsed = match(detections, ptsMicros);
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (track.matchedNow() || !covered(track.box(), looked)) {
                continue;
            }
            track.missed();
            if (track.misses() >= MIN_MISSES && ptsMicros - track.lastSeenMicros() > maxAgeMicros) {
                it.remove();
                if (track.stationary()) {
                    lost.add(track);
                    lostAt.put(track.id(), ptsMicros);
                } else {
                    forget(track);
                }
            }
        }
        for (Iterator<Track> it = lost.iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (ptsMicros - lostAt.get(track.id()) > lostMemoryMicros) {
                it.remove();
                lostAt.remove(track.id());
                forget(track);
            }
        }
        for (int d = 0; d < detections.size(); d++) {
            if (!detUsed[d]) {
                Detection det = detections.get(d);
                Track back = revive(det);
                if (back != null) {
                    back.update(det, ptsMicros, stationaryMicros);
                    tracks.add(back);
                } else {
                    tracks.add(new Track(nextId++, group(det.category()), det, ptsMicros));
                }
            }
        }
        for (Track track : tracks) {
            track.offerSnapshot(frame, ptsMicros);
            if (track.matchedNow()) {
                Set<String> in = zones.at(track.box(), frameWidth, frameHeight);
                if (!track.moveTo(in).isEmpty()) {
                    enteredNow.add(track);
                }
            }
        }
        return Collections.unmodifiableList(tracks);
    }

    private boolean[] match(List<Detection> detections, long ptsMicros) {
        List<Candidate> candidates = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            Box predicted = track.predict(ptsMicros);
            for (int d = 0; d < detections.size(); d++) {
                Detection det = detections.get(d);
                if (!track.group().equals(group(det.category()))) {
                    continue;
                }
                float affinity = affinity(predicted, det.box());
                if (affinity > 0) {
                    candidates.add(new Candidate(t, d, affinity));
                }
            }
        }
        candidates.sort((a, b) -> Float.compare(b.affinity, a.affinity));
        boolean[] trackUsed = new boolean[tracks.size()];
        boolean[] detUsed = new boolean[detections.size()];
        for (Candidate c : candidates) {
            if (!trackUsed[c.track] && !detUsed[c.detection]) {
                trackUsed[c.track] = true;
                detUsed[c.detection] = true;
                tracks.get(c.track).update(detections.get(c.detection), ptsMicros, stationaryMicros);
            }
        }
        return detUsed;
    }

    private Track revive(Detection det) {
        Track best = null;
        float bestIou = REVIVE_IOU;
        for (Track t : lost) {
            float iou = t.box().iou(det.box());
            if (t.group().equals(group(det.category())) && iou >= bestIou) {
                best = t;
                bestIou = iou;
            }
        }
        if (best != null) {
            lost.remove(best);
            lostAt.remove(best.id());
        }
        return best;
    }

    private void forget(Track track) {
        track.release();
        removed.add(track);
    }

    private static boolean covered(Box box, List<Region> looked) {
        if (looked.isEmpty()) {
            return true;
        }
        for (Region r : looked) {
            if (box.centerX() >= r.x() && box.centerX() <= r.x() + r.width()
                    && box.centerY() >= r.y() && box.centerY() <= r.y() + r.height()) {
                return true;
            }
        }
        return false;
    }

    /** The live tracks after the last update. */
    public List<Track> tracks() {
        return Collections.unmodifiableList(tracks);
    }

    /** Tracks forgotten for good by the last {@link #update}: their snapshots are already freed. */
    public Collection<Track> removedInLastUpdate() {
        return Collections.unmodifiableList(removed);
    }

    /** Tracks whose bottom centre entered a zone in the last update. */
    public List<Track> enteredZoneInLastUpdate() {
        return Collections.unmodifiableList(enteredNow);
    }

    /** Live and lost tracks, each holding at most one snapshot. */
    public int remembered() {
        return tracks.size() + lost.size();
    }

    /** Frees every snapshot; the tracker is not used afterwards. */
    public void close() {
        tracks.forEach(Track::release);
        lost.forEach(Track::release);
        tracks.clear();
        lost.clear();
    }

    /**
     * Overlap when there is enough; otherwise a small score for a similar-sized box whose centre is
     * within half the predicted box's larger side; otherwise 0 (no match).
     */
    private float affinity(Box predicted, Box box) {
        float iou = predicted.iou(box);
        if (iou >= minIou) {
            return iou;
        }
        float ratio = box.area() / Math.max(1f, predicted.area());
        if (ratio < 0.4f || ratio > 2.5f) {
            return 0f;
        }
        float dx = box.centerX() - predicted.centerX();
        float dy = box.centerY() - predicted.centerY();
        float reach = 0.5f * Math.max(predicted.width(), predicted.height());
        float dist = (float) Math.sqrt(dx * dx + dy * dy);
        return dist <= reach ? minIou * (1f - dist / reach) * 0.99f : 0f;
    }

    private record Candidate(int track, int detection, float affinity) {
    }
}
