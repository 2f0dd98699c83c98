package io.minewatch.server.auth;

import io.netty.handler.codec.http.HttpRequest;
import java.util.Optional;

/**
 * Finds the signed-in caller of a request from its session cookie; empty when there is none, or it
 * has expired or been signed out. Used by the HTTP routes and by the WebSocket upgrades.
 */
@FunctionalInterface
public interface SessionResolver {
    Optional<Caller> resolve(HttpRequest request);
}
