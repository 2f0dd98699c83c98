package io.minewatch.detect.rules;

import io.minewatch.detect.track.Track;
import io.minewatch.detect.zones.Schedule;
import io.minewatch.detect.zones.Zones;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code dwell}: heavy machinery standing still in a pit or riverbank zone for at least N minutes
 * — suspected excavation. Fires once per object ({@code stationary}).
 *
 * <p>The default COCO model sees an excavator only as a low-score "truck", below the heavy-vehicle
 * rule's confirming score, so a track counts here when it was confirmed <em>or</em> its best or
 * latest sighting is heavy machinery: time and place make up for the weak score. This is the way
 * a machine that never moved alerts: {@code heavy_vehicle} needs evidence of movement.
 */
public final class DwellRule implements TrackRule {
    public static final String NAME = "dwell";
    private static final Set<String> KINDS = Set.of("pit", "riverbank");

    private final Set<String> watched;
    private final long minMicros;
    private final Schedule schedule;
    private final Set<Long> fired = new HashSet<>();

    public DwellRule(Zones zones, List<String> zoneNames, double minutes, Schedule schedule) {
        this.watched = ZoneFilter.of(zones, zoneNames, KINDS);
        this.minMicros = Math.round(minutes * 60e6);
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RuleEvent> evaluate(Instant captureTime, long ptsMicros, List<Track> tracks,
                                    Collection<Track> removed, HeavyVehicleRule heavy) {
        removed.forEach(t -> fired.remove(t.id()));
        List<RuleEvent> out = new ArrayList<>();
        if (!schedule.contains(captureTime)) {
            return out;
        }
        for (Track t : tracks) {
            boolean machine = heavy.confirmed(t.id()) || Heavy.is(t.lastDetection().category())
                    || t.bestDetection() != null && Heavy.is(t.bestDetection().category());
            if (!machine || !t.stationary() || ptsMicros - t.stillSinceMicros() < minMicros
                    || fired.contains(t.id())) {
                continue;
            }
            for (String z : t.zones()) {
                if (watched.contains(z)) {
                    fired.add(t.id());
                    out.add(new RuleEvent(NAME, "stationary", t, t.lastDetection(), z, 1));
                    break;
                }
            }
        }
        return out;
    }
}
