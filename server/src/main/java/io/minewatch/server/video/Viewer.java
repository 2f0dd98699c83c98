package io.minewatch.server.video;

import io.netty.channel.Channel;

/**
 * One viewer's WebSocket channel and its place in the camera's stream. The fields are touched only
 * on the camera's source thread.
 */
final class Viewer {
    final Channel channel;
    /** Has received the current init segment (else it gets it before any media segment). */
    boolean initialised;
    /** Skipping media segments until the next key frame. */
    boolean waitingForKey = true;
    /** When the current skip began (System.nanoTime()); 0 while not skipping for back-pressure. */
    long behindSince;

    Viewer(Channel channel) {
        this.channel = channel;
    }
}
