package io.minewatch.server.http;

import io.minewatch.server.auth.Caller;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.regex.Matcher;

/**
 * A WebSocket route of the HTTP server (the live feed, live video). The server checks the session
 * and the Origin at the upgrade and completes the handshake; then {@link #open} hands the channel
 * over, and the endpoint owns what is written to it.
 */
public interface WebSocketEndpoint {

    /**
     * Called on the channel's event loop once the handshake has succeeded. Must not block: hand any
     * slow work to the endpoint's own threads, and respect {@link Channel#isWritable()}.
     *
     * @param caller the signed-in caller
     * @param uri    the request URI (query parameters such as {@code after})
     * @param path   the endpoint's path pattern matched against the request path (groups: ids)
     */
    void open(Channel channel, Caller caller, QueryStringDecoder uri, Matcher path);
}
