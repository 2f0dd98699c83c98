package io.minewatch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.HttpConfig;
import io.minewatch.server.auth.MutableClock;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route table's answers over real HTTP: 404, 405 with Allow, an expired session's cookie; and its matching rules. */
class RouterHttpTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private ClipFixture site;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        site = new ClipFixture(dir.resolve("storage"));
        server = site.start(new HttpConfig("127.0.0.1", 0), new SimpleMeterRegistry(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        site.close();
    }

    private String send(String requestLine, String cookie) throws Exception {
        return ClipFixture.raw(server.port(), "127.0.0.1", requestLine + " HTTP/1.1\r\nHost: x\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Content-Length: 0\r\nConnection: close\r\n\r\n");
    }

    @Test
    void anExpiredSessionsCookieIs401() throws Exception {
        String cookie = ClipFixture.cookie(server.port());
        assertTrue(send("GET /api/v1/me", cookie).startsWith("HTTP/1.1 200"));
        clock.advance(Duration.ofMinutes(29));
        assertTrue(send("GET /api/v1/me", cookie).startsWith("HTTP/1.1 200"), "used within the idle time");
        clock.advance(Duration.ofMinutes(30));
        String expired = send("GET /api/v1/me", cookie);
        assertTrue(expired.startsWith("HTTP/1.1 401") && expired.contains("sign in first"), expired);
    }

    @Test
    void unknownPathsAre404WrongMethods405WithAllow() throws Exception {
        assertTrue(send("GET /api/v1/nothing", null).startsWith("HTTP/1.1 404"));
        String put = send("PUT /api/v1/session", null);
        assertTrue(put.startsWith("HTTP/1.1 405"), put);
        assertTrue(put.contains("allow: DELETE, POST") || put.contains("Allow: DELETE, POST"), put);
        String post = send("POST /healthz", null);
        assertTrue(post.startsWith("HTTP/1.1 405") && post.toLowerCase().contains("allow: get, head"), post);
        assertTrue(send("HEAD /healthz", null).startsWith("HTTP/1.1 200"));
    }

    @Test
    void templatesMatchIdSegmentsOnly() {
        RouteHandler none = call -> { };
        Router r = Router.builder().get("/a/{id}/b", Access.SESSION, none).get("/files/{path*}", Access.PUBLIC, none)
                .build();
        assertEquals(Map.of("id", "x-1_Z"), ((Router.Found) r.match(HttpMethod.GET, "/a/x-1_Z/b")).params());
        assertTrue(r.match(HttpMethod.GET, "/a/../b") instanceof Router.NotFound);
        assertTrue(r.match(HttpMethod.GET, "/a/x/y/b") instanceof Router.NotFound);
        assertTrue(r.match(HttpMethod.GET, "/a/" + "x".repeat(65) + "/b") instanceof Router.NotFound);
        assertEquals("css/site.css", ((Router.Found) r.match(HttpMethod.GET, "/files/css/site.css")).params().get("path"));
        assertEquals("GET, HEAD", ((Router.NotAllowed) r.match(HttpMethod.POST, "/a/1/b")).allow());
        assertThrows(IllegalArgumentException.class,
                () -> Router.builder().get("/a", Access.PUBLIC, none).add(Set.of(HttpMethod.GET), "/a", Access.PUBLIC,
                        false, none));
    }
}
