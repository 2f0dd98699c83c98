package io.minewatch.config;

import java.util.List;

/**
 * Who answers for a site's alerts.
 *
 * @param officials  ids of the officials responsible for the site: every alert is routed to them
 * @param escalation the site's escalation chain, in order: an alert not acknowledged in time goes to
 *                   the next one not yet routed
 */
public record SiteRouting(List<String> officials, List<String> escalation) {

    /** No one named: alerts go to the command centre (and the township team) only. */
    public static final SiteRouting NONE = new SiteRouting(List.of(), List.of());

    public SiteRouting {
        officials = List.copyOf(officials);
        escalation = List.copyOf(escalation);
    }
}
