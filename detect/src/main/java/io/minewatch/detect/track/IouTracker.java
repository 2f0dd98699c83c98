package io.minewatch.detect.track;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Detection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Follows objects across detect frames by the overlap of each track's predicted box (constant
 * speed) with the new detections, greedily, best overlap first.
 *
 * <p>At a few frames a second a fast vehicle may not overlap its last box at all, so a detection
 * whose centre lies close to the prediction and whose size is similar also matches. Vehicles of all
 * categories share one group, because a truck may be scored as a car in one frame and a truck in the
 * next; people form their own group. Not thread-safe: one per camera.
 */
public final class IouTracker {
    private final float minIou;
    private final long maxAgeMicros;
    private final List<Track> tracks = new ArrayList<>();
    private final List<Track> removed = new ArrayList<>();
    private long nextId = 1;

    /**
     * @param minIou        least overlap with the prediction for a match (e.g. 0.1)
     * @param maxAgeMicros  a track unseen for longer than this is dropped
     */
    public IouTracker(float minIou, long maxAgeMicros) {
        this.minIou = minIou;
        this.maxAgeMicros = maxAgeMicros;
    }

    /** The group an object category is tracked in. */
    public static String group(String category) {
        return "person".equals(category) ? "person" : "vehicle";
    }

    /**
     * Matches this frame's detections to the tracks, starts tracks for the unmatched ones and drops
     * stale tracks. Returns the live tracks; {@link #removedInLastUpdate()} gives those dropped.
     */
    public List<Track> update(List<Detection> detections, long ptsMicros) {
        tracks.forEach(Track::unmatched);
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
                tracks.get(c.track).update(detections.get(c.detection), ptsMicros);
            }
        }
        removed.clear();
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (ptsMicros - track.lastSeenMicros() > maxAgeMicros) {
                removed.add(track);
                it.remove();
            }
        }
        for (int d = 0; d < detections.size(); d++) {
            if (!detUsed[d]) {
                Detection det = detections.get(d);
                tracks.add(new Track(nextId++, group(det.category()), det, ptsMicros));
            }
        }
        return Collections.unmodifiableList(tracks);
    }

    /** Tracks dropped by the last {@link #update}. */
    public Collection<Track> removedInLastUpdate() {
        return Collections.unmodifiableList(removed);
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
