package io.minewatch.server.registry;

import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SiteRouting;
import io.minewatch.config.TeamConfig;
import io.minewatch.config.TownshipConfig;

/** What still names a registry entry about to be removed: the reason it cannot go (409), or null. */
final class RegistryReferences {
    private RegistryReferences() {
    }

    /** A site's officials or escalation, a township's team or a patrol team naming the official. */
    static String official(MinewatchConfig c, String id) {
        for (SiteConfig s : c.sites()) {
            SiteRouting r = s.routing();
            if (r != null && (r.officials().contains(id) || r.escalation().contains(id))) {
                return "official " + id + " is named by site " + s.id()
                        + " (officials or escalation): change the site first";
            }
        }
        for (TownshipConfig t : c.alerts().townships()) {
            if (t.team().contains(id)) {
                return "official " + id + " is in the team of township " + t.id() + ": change the township first";
            }
        }
        for (DistrictConfig d : c.cases().districts()) {
            for (TeamConfig t : d.teams()) {
                if (t.members().contains(id)) {
                    return "official " + id + " is a member of team " + t.id() + " of district " + d.id()
                            + ": change the district first";
                }
            }
        }
        return null;
    }

    /** A patrol district of the township. */
    static String township(MinewatchConfig c, String id) {
        for (DistrictConfig d : c.cases().districts()) {
            if (d.township().equals(id)) {
                return "township " + id + " has district " + d.id() + ": remove the district first";
            }
        }
        return null;
    }
}
