package io.minewatch.server.http;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Optional;

/**
 * The console's public static files (pages, scripts, styles, message catalogues), served before the
 * route table is consulted, without a session.
 */
@FunctionalInterface
public interface StaticFiles {
    StaticFiles NONE = (path, ifNoneMatch, head) -> Optional.empty();

    /**
     * The answer to a GET or HEAD of {@code path}, or empty when it is not a static file (the route
     * table then answers, or 404).
     *
     * @param ifNoneMatch the request's If-None-Match header, or null
     */
    Optional<FullHttpResponse> serve(String path, String ifNoneMatch, boolean head);
}
