package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls of the case loop's routes as a signed-in user (the session's cookie and CSRF token), answers as JSON. */
final class CaseHttp {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private CaseHttp() {
    }

    static HttpResponse<String> get(ApiClient as, String path) throws IOException, InterruptedException {
        return HTTP.send(as.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(ApiClient as, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(as.request(path).header("Content-Type", "application/json").header("X-CSRF-Token", as.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A body of bytes with this content type (a photo, a catalogue file). */
    static HttpResponse<String> post(ApiClient as, String path, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = as.request(path).header("X-CSRF-Token", as.csrf());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer's JSON, failing the test unless the status is the one expected. */
    static JsonNode expect(int status, HttpResponse<String> r) throws IOException {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.request().uri().getPath() + ": " + r.body());
        return TestSite.JSON.readTree(r.body());
    }

    static JsonNode ok(HttpResponse<String> r) throws IOException {
        return expect(200, r);
    }
}
