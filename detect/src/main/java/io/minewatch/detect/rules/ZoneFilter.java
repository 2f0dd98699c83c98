package io.minewatch.detect.rules;

import io.minewatch.detect.zones.Zone;
import io.minewatch.detect.zones.Zones;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The zones a rule watches: those named in its config, or else every zone of the rule's kinds. */
final class ZoneFilter {
    private ZoneFilter() {
    }

    static Set<String> of(Zones zones, List<String> named, Set<String> defaultKinds) {
        Set<String> out = new LinkedHashSet<>();
        if (!named.isEmpty()) {
            out.addAll(named);
            return out;
        }
        for (Zone z : zones.all()) {
            if (!z.isMask() && (defaultKinds.isEmpty() || defaultKinds.contains(z.kind()))) {
                out.add(z.name());
            }
        }
        return out;
    }
}
