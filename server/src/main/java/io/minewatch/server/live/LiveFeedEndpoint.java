package io.minewatch.server.live;

import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.WebSocketEndpoint;
import io.minewatch.server.http.WebSocketFrames;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.regex.Matcher;

/** {@code GET /api/v1/live?after=<seq>}: hands the upgraded connection to the {@link LiveFeed}. */
public final class LiveFeedEndpoint implements WebSocketEndpoint {
    /** The route's path pattern. */
    public static final String PATH = "/api/v1/live";

    private final LiveFeed feed;

    public LiveFeedEndpoint(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void open(Channel channel, Caller caller, QueryStringDecoder uri, Matcher path) {
        List<String> after = uri.parameters().get("after");
        Long seq = null;
        if (after != null && !after.isEmpty()) {
            String v = after.get(0);
            try {
                seq = v.length() <= 19 ? Long.parseLong(v) : -1L;
            } catch (NumberFormatException e) {
                seq = -1L;
            }
            if (seq < 0) {
                WebSocketFrames.close(channel, 1008, "after must be a sequence number (0 or more)");
                return;
            }
        }
        feed.connect(channel, caller, seq);
    }
}
