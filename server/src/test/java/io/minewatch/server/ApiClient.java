package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A signed-in client of the real server's API: its session cookie and CSRF token, as a browser holds them. */
record ApiClient(HttpClient http, String base, String cookie, String csrf) {

    /** Signs in with POST /api/v1/session; fails the test unless it answers 200 with a cookie. */
    static ApiClient signIn(HttpClient http, String base, String user, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> r = login(http, base, user, password);
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        JsonNode me = TestSite.JSON.readTree(r.body());
        return new ApiClient(http, base, setCookie.substring(0, setCookie.indexOf(';')), me.get("csrf").asText());
    }

    static HttpResponse<String> login(HttpClient http, String base, String user, String password)
            throws IOException, InterruptedException {
        String body = TestSite.JSON.createObjectNode().put("user", user).put("password", password).toString();
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request builder for the path carrying the session cookie. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie);
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
