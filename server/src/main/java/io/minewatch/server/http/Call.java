package io.minewatch.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.auth.Session;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One call of a route, as its handler sees it: the caller (null on a public route called without a
 * session), path parameters, query, JSON body, and the ways to answer. Answered once.
 */
public final class Call {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Exchange exchange;
    private final Session session;
    private final Map<String, String> params;
    private final QueryStringDecoder uri;
    private final InetAddress address;
    final HttpWorkers workers;

    Call(Exchange exchange, Session session, Map<String, String> params, QueryStringDecoder uri, InetAddress address,
         HttpWorkers workers) {
        this.exchange = exchange;
        this.session = session;
        this.params = params;
        this.uri = uri;
        this.address = address;
        this.workers = workers;
    }

    /** The signed-in caller; null only on a public route called without a session. */
    public Caller caller() {
        return session == null ? null : session.caller();
    }

    /** The session; null only on a public route called without one. */
    public Session session() {
        return session;
    }

    /** A path parameter of the route's template, e.g. {@code id} of {@code /api/v1/alerts/{id}}. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return v;
    }

    public QueryStringDecoder uri() {
        return uri;
    }

    public FullHttpRequest request() {
        return exchange.request();
    }

    /** The client's address, from the connection (never from a header). */
    public InetAddress address() {
        return address;
    }

    /** The request body as a JSON object; {@link BadRequest} (400) when it is missing or not a JSON object. */
    public JsonNode body() {
        String text = exchange.request().content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new BadRequest("a JSON object body is required");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body must be a JSON object");
        }
        return node;
    }

    /** A JSON answer; {@code headers} are name, value pairs. */
    public void json(HttpResponseStatus status, String json, String... headers) {
        send(Exchange.response(status, Exchange.JSON, json), headers);
    }

    /** A JSON answer of a Jackson tree. */
    public void json(HttpResponseStatus status, JsonNode json, String... headers) {
        json(status, json.toString(), headers);
    }

    /** Any small answer. */
    public void send(HttpResponseStatus status, String contentType, String body, String... headers) {
        send(Exchange.response(status, contentType, body), headers);
    }

    /** A small binary answer held in memory (e.g. a JPEG). */
    public void bytes(HttpResponseStatus status, String contentType, byte[] body, String... headers) {
        send(Exchange.response(status, contentType, body), headers);
    }

    /** An answer with no body (e.g. 204). */
    public void empty(HttpResponseStatus status, String... headers) {
        send(Exchange.response(status, Exchange.JSON, ""), headers);
    }

    /** {@code {"error": message}}. */
    public void error(HttpResponseStatus status, String message, String... headers) {
        send(Exchange.errorResponse(status, message), headers);
    }

    /** A file, whole or the byte range asked for, with ETag and Range support. */
    public void file(Path file, String contentType) throws IOException {
        exchange.send(FileResponder.plan(exchange.request(), file, contentType));
    }

    Exchange exchange() {
        return exchange;
    }

    private void send(FullHttpResponse r, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        exchange.send(r);
    }
}
