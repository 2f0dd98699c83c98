package io.minewatch.detect.rules;

import io.minewatch.detect.track.Track;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A configurable rule over a camera's tracks (zones, time, counts). One instance per camera, run on
 * the camera's detect path after every detector run; it must forget the tracks in {@code removed}.
 */
public interface TrackRule {

    /** The rule's stable name, used in events, alerts and metric tags. */
    String name();

    /**
     * @param captureTime when the frame was captured (for schedules)
     * @param ptsMicros   the frame's stream time (for durations)
     * @param tracks      live tracks after this frame
     * @param removed     tracks forgotten in this frame
     * @param heavy       which tracks confirmed as heavy machinery
     */
    List<RuleEvent> evaluate(Instant captureTime, long ptsMicros, List<Track> tracks, Collection<Track> removed,
                             HeavyVehicleRule heavy);
}
