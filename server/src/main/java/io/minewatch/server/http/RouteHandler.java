package io.minewatch.server.http;

/** Answers one call of a route. It must answer exactly once (an unanswered call is closed and logged). */
@FunctionalInterface
public interface RouteHandler {
    void handle(Call call) throws Exception;
}
