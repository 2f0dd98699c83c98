package io.minewatch.detect.rules;

import io.minewatch.detect.track.Track;
import io.minewatch.detect.zones.Schedule;
import io.minewatch.detect.zones.Zones;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code heavy_vehicle_in_zone}: a confirmed heavy vehicle whose bottom centre is in a watched
 * zone, inside the rule's schedule: one {@code enter} event per vehicle and zone, and one
 * {@code leave} when it leaves that zone or is lost. A vehicle that stays (parked) never fires again,
 * nor does one that wobbles across the zone's edge.
 */
public final class HeavyVehicleInZoneRule implements TrackRule {
    public static final String NAME = "heavy_vehicle_in_zone";

    private final Set<String> watched;
    private final Schedule schedule;
    private final Map<Long, Set<String>> inside = new HashMap<>();
    private final Set<String> fired = new HashSet<>();

    /** @param zoneNames zones to watch; empty = every non-mask zone */
    public HeavyVehicleInZoneRule(Zones zones, List<String> zoneNames, Schedule schedule) {
        this.watched = ZoneFilter.of(zones, zoneNames, Set.of());
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RuleEvent> evaluate(Instant captureTime, long ptsMicros, List<Track> tracks,
                                    Collection<Track> removed, HeavyVehicleRule heavy) {
        List<RuleEvent> out = new ArrayList<>();
        for (Track gone : removed) {
            Set<String> was = inside.remove(gone.id());
            if (was != null) {
                was.forEach(z -> out.add(new RuleEvent(NAME, "leave", gone, gone.lastDetection(), z, 1)));
            }
            fired.removeIf(k -> k.startsWith(gone.id() + "/"));
        }
        boolean open = schedule.contains(captureTime);
        for (Track t : tracks) {
            if (!t.matchedNow() || !heavy.confirmed(t.id())) {
                continue;
            }
            Set<String> in = inside.computeIfAbsent(t.id(), k -> new HashSet<>());
            for (String z : List.copyOf(in)) {
                if (!t.zones().contains(z)) {
                    in.remove(z);
                    out.add(new RuleEvent(NAME, "leave", t, t.lastDetection(), z, 1));
                }
            }
            for (String z : t.zones()) {
                if (watched.contains(z) && open && fired.add(t.id() + "/" + z)) {
                    in.add(z);
                    out.add(new RuleEvent(NAME, "enter", t, t.lastDetection(), z, 1));
                }
            }
        }
        return out;
    }
}
