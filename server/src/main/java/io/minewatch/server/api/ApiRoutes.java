package io.minewatch.server.api;

import io.minewatch.config.HttpConfig;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.http.CoreRoutes;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.Router;

/**
 * The server's route table, in one place: health, metrics, clips, evidence, and API v1. The
 * composition root adds its further routes to the builder this returns (alerts, cameras, sites, ui),
 * and each must also be described in the OpenAPI document.
 */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static Router.Builder builder(HttpRoutes routes, Authenticator auth, HttpConfig http) {
        Router.Builder b = Router.builder();
        CoreRoutes.register(b, routes, http.metricsPublic());
        SessionApi.register(b, auth);
        OpenApi.register(b);
        return b;
    }
}
