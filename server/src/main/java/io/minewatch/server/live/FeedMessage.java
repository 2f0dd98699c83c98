package io.minewatch.server.live;

import io.minewatch.server.auth.Caller;
import java.util.Set;

/**
 * One message of the live feed, as every client receives it.
 *
 * @param seq      the outbox sequence number
 * @param kind     the outbox kind ({@code type} in the frame)
 * @param alertId  the alert it is about, or null
 * @param official for a routed copy, the official it is addressed to; else null
 * @param routedTo the officials the alert was routed to when the message was committed
 * @param wire     the whole WebSocket text frame (header and UTF-8 JSON {@code {"seq","type","topic","payload"}}),
 *                 as written to every client ({@link Frames#wire}); shared, never changed
 */
record FeedMessage(long seq, String kind, String alertId, String official, Set<String> routedTo, byte[] wire) {

    /** Whether this caller may receive it: every role but official sees all; see {@link LiveFeed}. */
    boolean visibleTo(Caller caller) {
        if (caller.seesAll()) {
            return true;
        }
        if (!FeedKinds.FOR_OFFICIALS.contains(kind)) {
            return false;
        }
        if (official != null) {
            return official.equals(caller.id());
        }
        return alertId != null && routedTo.contains(caller.id());
    }
}
