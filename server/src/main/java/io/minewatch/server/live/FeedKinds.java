package io.minewatch.server.live;

import java.util.Set;

/** Which outbox kinds the live feed carries, and which of them officials may receive. */
final class FeedKinds {
    /**
     * Carried: new, updated and ended alerts ({@code alert}), routed copies ({@code routed}), alert
     * events (acks, refusals, escalation steps: {@code event}), escalations, whistles, camera
     * status and camera alerts, server alerts, drone flights' progress ({@code flight}). Not carried: {@code snapshot} (a base64 JPEG of up to
     * 2 MB: the console fetches {@code /api/v1/alerts/<id>/snapshot}), {@code stats} (periodic
     * counters) and {@code status} (the server's own online/offline: a console connected to it knows).
     */
    static final Set<String> CARRIED = Set.of("alert", "routed", "event", "escalation", "whistle",
            "camera_status", "camera_alert", "server_alert", "flight");

    /**
     * What an official may receive, about alerts routed to them only: the alert, their own routed
     * copy (not other officials'), its events and escalations. Whistles (to departments), camera
     * and server messages are for the other roles.
     */
    static final Set<String> FOR_OFFICIALS = Set.of("alert", "routed", "event", "escalation");

    private FeedKinds() {
    }
}
