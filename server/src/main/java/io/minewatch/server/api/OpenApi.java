package io.minewatch.server.api;

import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/openapi.json} (public): the OpenAPI 3 document of every route of the server,
 * the resource {@value #RESOURCE}. A route added to the table must be added to the document (the
 * contract test fails otherwise).
 */
public final class OpenApi {
    public static final String RESOURCE = "/api/openapi.json";

    private OpenApi() {
    }

    /** The document's text. */
    public static String document() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Router.Builder register(Router.Builder b) {
        String doc = document();
        return b.get("/api/v1/openapi.json", Access.PUBLIC,
                (Call call) -> call.send(HttpResponseStatus.OK, "application/json; charset=utf-8", doc));
    }
}
