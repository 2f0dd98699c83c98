package io.minewatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.auth.Session;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code POST /api/v1/session} (sign in: {@code {"user","password"}} → the caller and its CSRF token,
 * the session cookie set), {@code DELETE /api/v1/session} (sign out, 204, cookie cleared) and
 * {@code GET /api/v1/me}.
 */
public final class SessionApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authenticator auth;

    private SessionApi(Authenticator auth) {
        this.auth = auth;
    }

    public static Router.Builder register(Router.Builder b, Authenticator auth) {
        SessionApi api = new SessionApi(auth);
        return b.post("/api/v1/session", Access.PUBLIC, api::login)
                .delete("/api/v1/session", Access.SESSION, api::logout)
                .get("/api/v1/me", Access.SESSION, api::me);
    }

    private void login(Call call) {
        JsonNode body = call.body();
        String user = text(body, "user");
        String password = text(body, "password");
        Authenticator.Login result = auth.login(user, password, call.address().getHostAddress());
        if (result instanceof Authenticator.Ok ok) {
            call.json(HttpResponseStatus.OK, me(ok.session()), HttpHeaderNames.SET_COOKIE.toString(), ok.setCookie());
        } else if (result instanceof Authenticator.Throttled t) {
            call.error(HttpResponseStatus.TOO_MANY_REQUESTS, "too many failed sign-ins: try again later",
                    HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(t.retryAfterSeconds()));
        } else {
            call.error(HttpResponseStatus.UNAUTHORIZED, "wrong user or password");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new BadRequest("\"" + field + "\" must be a non-empty string");
        }
        return n.asText();
    }

    private void logout(Call call) {
        String clear = auth.logout(call.session(), call.address().getHostAddress());
        call.empty(HttpResponseStatus.NO_CONTENT, HttpHeaderNames.SET_COOKIE.toString(), clear);
    }

    private void me(Call call) {
        call.json(HttpResponseStatus.OK, me(call.session()));
    }

    private static ObjectNode me(Session s) {
        ObjectNode me = JSON.createObjectNode().put("id", s.caller().id()).put("name", s.caller().name())
                .put("role", s.caller().role());
        if (s.caller().department() != null) {
            me.put("department", s.caller().department());
        }
        return me.put("csrf", s.csrf());
    }
}
