package io.minewatch.detect.rules;

import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.track.Track;

/**
 * A rule's finding in one frame, before it becomes a {@link io.minewatch.detect.event.DetectionEvent}.
 *
 * @param rule      the rule's stable name
 * @param kind      enter, leave, stationary, count or object
 * @param track     the object it is about
 * @param detection the sighting to report (label, score, box)
 * @param zone      the zone, or null
 * @param count     objects counted (1 unless the rule counts)
 */
public record RuleEvent(String rule, String kind, Track track, Detection detection, String zone, int count) {
}
