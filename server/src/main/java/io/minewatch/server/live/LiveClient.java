package io.minewatch.server.live;

import io.minewatch.server.auth.Caller;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket client of the live feed. {@link #channel}, {@link #caller} and {@link #after} are set
 * at connect; everything else belongs to the hub's thread. While catching up the client reads the
 * window through {@link #cursor}; once live, new messages wait in its bounded {@link #queue}.
 */
final class LiveClient {
    final Channel channel;
    final Caller caller;
    /** The seq the client asked to resume after, or null for live only. */
    final Long after;
    /** Set when the hub has the client on its to-do list (so it is there at most once). */
    final AtomicBoolean flagged = new AtomicBoolean();
    volatile boolean gone;

    boolean started;
    boolean live;
    boolean removed;
    long cursor;
    final ArrayDeque<FeedMessage> queue = new ArrayDeque<>();

    LiveClient(Channel channel, Caller caller, Long after) {
        this.channel = channel;
        this.caller = caller;
        this.after = after;
    }
}
