package io.minewatch.detect.pipeline;

import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.TrackPoint;
import io.minewatch.detect.track.Track;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The track points a camera's detect path hands on: for every object a rule has reported (an event
 * was emitted about it), its point in every later detect frame where the tracker matched it, and once,
 * when it is first reported, its last {@value #HISTORY} points before (the sightings that led to the
 * event, usually inside the clip's pre-roll). Objects never reported cost a short ring each and send
 * nothing. One per camera, on its detect path (one thread at a time).
 */
final class TrackTrail {
    /** Points kept per unreported object: 5 s at the default 5 detect fps. */
    static final int HISTORY = 25;

    private final String camera;
    private final Map<Long, ArrayDeque<TrackPoint>> history = new HashMap<>();
    private final Set<Long> reported = new HashSet<>();
    private final List<TrackPoint> out = new ArrayList<>();
    private final Map<Long, TrackPoint> now = new HashMap<>();

    TrackTrail(String camera) {
        this.camera = camera;
    }

    /** Starts a frame: notes where each matched track is, forgets removed ones. */
    void frame(SampledFrame frame, List<Track> tracks, Collection<Track> removed) {
        for (Track gone : removed) {
            history.remove(gone.id());
            reported.remove(gone.id());
        }
        out.clear();
        now.clear();
        int w = frame.bgr().cols();
        int h = frame.bgr().rows();
        for (Track t : tracks) {
            if (!t.matchedNow()) {
                continue;
            }
            TrackPoint p = new TrackPoint(camera, t.id(), frame.captureTime(), frame.offsetSeconds(),
                    t.lastDetection().label(), t.lastDetection().score(), t.lastDetection().box(), w, h,
                    frame.sourcePtsMicros(), frame.epoch());
            now.put(t.id(), p);
            if (reported.contains(t.id())) {
                out.add(p);
            } else {
                ArrayDeque<TrackPoint> ring = history.computeIfAbsent(t.id(), k -> new ArrayDeque<>(HISTORY));
                if (ring.size() == HISTORY) {
                    ring.removeFirst();
                }
                ring.addLast(p);
            }
        }
    }

    /** An event was emitted about this object: from now on its points go out, its history first. */
    void reported(long objectId) {
        if (!reported.add(objectId)) {
            return;
        }
        ArrayDeque<TrackPoint> ring = history.remove(objectId);
        if (ring != null) {
            out.addAll(ring);
        } else if (now.containsKey(objectId)) {
            out.add(now.get(objectId));
        }
    }

    /** The points to hand on for this frame (after its events). */
    List<TrackPoint> points() {
        return List.copyOf(out);
    }
}
