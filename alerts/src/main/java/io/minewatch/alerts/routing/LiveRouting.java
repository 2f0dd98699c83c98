package io.minewatch.alerts.routing;

import io.minewatch.config.AlertsConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.SiteConfig;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sites and officials routing reads, as they are now: an immutable {@link View} swapped whole when
 * the registry changes a site or an official. The desk reads {@link #view()} once per decision on its
 * own thread; an alert's routes are stored when it is raised or escalated, so alerts raised before a
 * change keep theirs, and new alerts follow the new sites' officials and chains. Thread-safe.
 */
public final class LiveRouting {

    /**
     * One consistent picture: the router over these sites, each site's time zone and the officials' names.
     */
    public record View(AlertsConfig alerts, List<SiteConfig> sites, Router router, Map<String, ZoneId> zones,
                       Map<String, String> officialNames) {
        /** The site's time zone; UTC for a site it does not know. */
        public ZoneId zone(String site) {
            return zones.getOrDefault(site, ZoneOffset.UTC);
        }
    }

    private volatile View view;

    public LiveRouting(AlertsConfig alerts, List<SiteConfig> sites, List<OfficialConfig> officials) {
        this.view = build(alerts, sites, officials);
    }

    /** The picture in force now. */
    public View view() {
        return view;
    }

    /** Swaps in new sites and officials (and the alerts section, for its townships). */
    public void update(AlertsConfig alerts, List<SiteConfig> sites, List<OfficialConfig> officials) {
        this.view = build(alerts, sites, officials);
    }

    private static View build(AlertsConfig alerts, List<SiteConfig> sites, List<OfficialConfig> officials) {
        Map<String, ZoneId> zones = new HashMap<>();
        sites.forEach(s -> zones.put(s.id(), s.timezone()));
        Map<String, String> names = new HashMap<>();
        officials.stream().filter(o -> o.name() != null).forEach(o -> names.putIfAbsent(o.id(), o.name()));
        return new View(alerts, List.copyOf(sites), new Router(alerts, sites), Map.copyOf(zones), Map.copyOf(names));
    }
}
