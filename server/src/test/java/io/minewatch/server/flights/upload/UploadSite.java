package io.minewatch.server.flights.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.UserConfig;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.flights.UploadedFlight;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real HTTP server (route table, sign-in, pipeline) with the flight upload routes over a real
 * folder, and a recording {@link io.minewatch.server.flights.FlightIntake} in place of flight
 * processing: users ana and bo (analysts), cc (command), li (official).
 */
final class UploadSite implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "upload-pw-0123";
    final Path flights;
    final HttpServer server;
    final String base;
    final List<UploadedFlight> submitted = new CopyOnWriteArrayList<>();
    /** A message here makes the intake refuse the next flight. */
    volatile String refuse;
    private final AtomicInteger ids = new AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    UploadSite(Path flights, UploadLimits limits) throws Exception {
        this.flights = flights;
        Accounts accounts = Accounts.of(List.of(new UserConfig("ana", null, "analyst", PASSWORD, null),
                new UserConfig("bo", null, "analyst", PASSWORD, null),
                new UserConfig("cc", null, "command", PASSWORD, null)),
                List.of(new io.minewatch.config.OfficialConfig("li", "Li", "X", PASSWORD, "official")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Authenticator auth = new Authenticator(accounts, Clock.systemUTC(), Duration.ofMinutes(30), false,
                (actor, action, subject) -> { }, registry);
        HttpConfig config = new HttpConfig("127.0.0.1", 0);
        HttpRoutes routes = new HttpRoutes() {
            @Override
            public Health health() {
                return new Health(true, "{\"status\":\"ok\"}");
            }

            @Override
            public String metrics() {
                return "";
            }
        };
        FlightUploads uploads = FlightUploads.open(flights, limits, flight -> {
            String why = refuse;
            if (why != null) {
                refuse = null;
                throw new IllegalArgumentException(why);
            }
            submitted.add(flight);
            return "flight-" + ids.incrementAndGet();
        }, Clock.systemUTC());
        server = HttpServer.start(config, uploads.register(ApiRoutes.builder(routes, auth, config)).build(), auth,
                registry);
        base = "http://127.0.0.1:" + server.port();
    }

    /** A signed-in user: cookie and CSRF token. */
    record User(String cookie, String csrf) {
    }

    User signIn(String user) throws Exception {
        String body = JSON.createObjectNode().put("user", user).put("password", PASSWORD).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String c = r.headers().firstValue("set-cookie").orElseThrow();
        return new User(c.substring(0, c.indexOf(';')), JSON.readTree(r.body()).get("csrf").asText());
    }

    /** A request as {@code u} (null: no session) with the CSRF token and tus version headers. */
    HttpRequest.Builder request(User u, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Tus-Resumable", "1.0.0");
        if (u != null) {
            b.header("Cookie", u.cookie()).header("X-CSRF-Token", u.csrf());
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b, String method) throws Exception {
        return http.send(b.method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Creates an upload; answers the response (201: its Location). */
    HttpResponse<String> create(User u, long length, String filename) throws Exception {
        return send(request(u, "/api/v1/uploads").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(
                        filename.getBytes(StandardCharsets.UTF_8)) + ",filetype dmlkZW8vbXA0"), "POST");
    }

    /** Creates an upload and answers its path. */
    String created(User u, long length, String filename) throws Exception {
        HttpResponse<String> r = create(u, length, filename);
        assertEquals(201, r.statusCode(), r.body());
        return r.headers().firstValue("location").orElseThrow();
    }

    HttpResponse<String> patch(User u, String path, long offset, byte[] body) throws Exception {
        return http.send(request(u, path).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The upload's offset by HEAD, or -1 when it answers otherwise than 200. */
    long offset(User u, String path) throws Exception {
        HttpResponse<String> r = send(request(u, path), "HEAD");
        return r.statusCode() == 200 ? Long.parseLong(r.headers().firstValue("upload-offset").orElseThrow()) : -1;
    }

    /** Uploads the whole of {@code bytes} in one PATCH; answers the upload's path. */
    String upload(User u, byte[] bytes, String filename) throws Exception {
        String path = created(u, bytes.length, filename);
        HttpResponse<String> r = patch(u, path, 0, bytes);
        assertEquals(204, r.statusCode(), r.body());
        return path;
    }

    HttpResponse<String> submit(User u, String json) throws Exception {
        return http.send(request(u, "/api/v1/flights").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String id(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** Opens a raw connection to the server. */
    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(60_000);
        return s;
    }

    /** The head of a raw PATCH. */
    static String patchHead(User u, String path, long offset, String lengthHeader) {
        return "PATCH " + path + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nCookie: " + u.cookie()
                + "\r\nX-CSRF-Token: " + u.csrf() + "\r\nUpload-Offset: " + offset
                + "\r\nContent-Type: application/offset+octet-stream\r\n" + lengthHeader + "\r\n\r\n";
    }

    /** Reads one response head (through the blank line) and its Content-Length body. */
    static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        String h = head.toString();
        int at = h.toLowerCase().indexOf("content-length: ");
        if (at >= 0) {
            int n = Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).strip());
            h += new String(in.readNBytes(n), StandardCharsets.UTF_8);
        }
        return h;
    }

    static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        server.close();
    }
}
