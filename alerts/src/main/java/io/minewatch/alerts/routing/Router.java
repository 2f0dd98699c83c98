package io.minewatch.alerts.routing;

import io.minewatch.config.AlertsConfig;
import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.TownshipConfig;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Routing decisions from the configuration; immutable and thread-safe. */
public final class Router {

    private final Map<String, SiteConfig> sites;
    private final AlertsConfig alerts;

    public Router(AlertsConfig alerts, List<SiteConfig> sites) {
        this.sites = sites.stream().collect(Collectors.toMap(SiteConfig::id, Function.identity()));
        this.alerts = alerts;
    }

    /** The officials every alert of the site goes to: its responsible officials, then its township team. */
    public List<String> recipients(String site) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        SiteConfig s = sites.get(site);
        if (s == null) {
            return List.of();
        }
        out.addAll(s.routing().officials());
        TownshipConfig t = alerts.township(s.township());
        if (t != null) {
            out.addAll(t.team());
        }
        return List.copyOf(out);
    }

    /** The next person of the site's escalation chain not yet routed, or null when the chain is used up. */
    public String nextInChain(String site, Collection<String> routed) {
        SiteConfig s = sites.get(site);
        if (s == null) {
            return null;
        }
        return s.routing().escalation().stream().filter(o -> !routed.contains(o)).findFirst().orElse(null);
    }

    /**
     * The department a matter of this rule at this site is whistled to: one that takes the rule, when
     * the site's township may not handle it itself; null otherwise.
     */
    public DepartmentConfig whistleTo(String site, String rule) {
        DepartmentConfig d = alerts.departmentFor(rule);
        if (d == null) {
            return null;
        }
        SiteConfig s = sites.get(site);
        TownshipConfig t = s == null ? null : alerts.township(s.township());
        return t != null && t.mayHandle(rule) ? null : d;
    }

    /**
     * Whether alerts of the site may reach the official: a responsible official, the township team or
     * someone in the escalation chain (the sites and cameras an official's console shows).
     */
    public boolean reaches(String site, String official) {
        SiteConfig s = sites.get(site);
        return s != null && (recipients(site).contains(official) || s.routing().escalation().contains(official));
    }

    /** The township of a site ("" when none). */
    public String township(String site) {
        SiteConfig s = sites.get(site);
        return s == null ? "" : s.township();
    }
}
