package io.minewatch.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A route whose request body is streamed to a {@link BodyReceiver} instead of being gathered in memory
 * (the aggregator's 64 KiB cap does not apply; the receiver bounds it). The same checks as every
 * route come first (client limit, session, role, CSRF token); then {@link #open} decides on the
 * headers alone, on the request pool, before any byte of the body is read.
 */
@FunctionalInterface
public interface StreamedRoute extends RouteHandler {
    /**
     * Looks at the request's headers ({@code call.request()} has an empty body) and either answers
     * the call and returns null (the body is not read and the connection is closed) or returns the
     * receiver of the body, which answers once the body is in.
     */
    BodyReceiver open(Call call) throws Exception;

    /** Never reached: {@link StreamedRequests} takes these routes' requests before the aggregator. */
    @Override
    default void handle(Call call) {
        call.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "streamed route reached the aggregator");
    }
}
