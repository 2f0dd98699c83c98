package io.minewatch.detect.rules;

import io.minewatch.detect.track.Track;
import io.minewatch.detect.zones.Schedule;
import io.minewatch.detect.zones.Zones;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code haul_trips}: at least K confirmed heavy vehicles through a road zone within T minutes —
 * suspected hauling. Each vehicle counts once per zone; the rule fires ({@code count}) when the
 * count in the window reaches K, and again only after it has fallen below K.
 */
public final class HaulTripsRule implements TrackRule {
    public static final String NAME = "haul_trips";
    private static final Set<String> KINDS = Set.of("road");

    private final Set<String> watched;
    private final int count;
    private final long windowMicros;
    private final Schedule schedule;
    private final Map<String, ArrayDeque<Long>> passes = new HashMap<>();
    private final Set<String> counted = new HashSet<>();
    private final Set<String> armedOff = new HashSet<>();

    public HaulTripsRule(Zones zones, List<String> zoneNames, int count, double minutes, Schedule schedule) {
        this.watched = ZoneFilter.of(zones, zoneNames, KINDS);
        this.count = count;
        this.windowMicros = Math.round(minutes * 60e6);
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RuleEvent> evaluate(Instant captureTime, long ptsMicros, List<Track> tracks,
                                    Collection<Track> removed, HeavyVehicleRule heavy) {
        removed.forEach(t -> counted.removeIf(k -> k.startsWith(t.id() + "/")));
        List<RuleEvent> out = new ArrayList<>();
        for (Map.Entry<String, ArrayDeque<Long>> e : passes.entrySet()) {
            ArrayDeque<Long> q = e.getValue();
            while (!q.isEmpty() && ptsMicros - q.peekFirst() > windowMicros) {
                q.pollFirst();
            }
            if (q.size() < count) {
                armedOff.remove(e.getKey());
            }
        }
        boolean open = schedule.contains(captureTime);
        for (Track t : tracks) {
            if (!t.matchedNow() || !heavy.confirmed(t.id())) {
                continue;
            }
            for (String z : t.enteredZones()) {
                if (!watched.contains(z) || !counted.add(t.id() + "/" + z)) {
                    continue;
                }
                ArrayDeque<Long> q = passes.computeIfAbsent(z, k -> new ArrayDeque<>());
                q.addLast(ptsMicros);
                if (open && q.size() >= count && armedOff.add(z)) {
                    out.add(new RuleEvent(NAME, "count", t, t.lastDetection(), z, q.size()));
                }
            }
        }
        return out;
    }
}
