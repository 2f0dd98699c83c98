package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.server.api.OpenApi;
import io.minewatch.server.http.Route;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the sign-in of the real server (Application, its route table, the real accounts and
 * audit log): no session, a forged or signed-out cookie, another official's alert, a state-changing
 * request without the CSRF token, password guessing; and, last, a search of every log line, answer
 * and audit entry of the run for a password, secret or session token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthSecurityTest {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    @TempDir
    static Path dir;
    static SecureSite site;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every answer body and header of the run except the Set-Cookie of sign-ins (which carry the token by design). */
    static final List<String> answers = new CopyOnWriteArrayList<>();
    /** Every session token handed out in the run. */
    static final Set<String> tokens = new LinkedHashSet<>();

    @BeforeAll
    static void start() throws Exception {
        site = new SecureSite(dir, "");
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    private static ApiClient signIn(String user) throws Exception {
        ApiClient c = ApiClient.signIn(HTTP, site.base, user, SecureSite.PASSWORDS.get(user));
        tokens.add(c.cookie().substring("mw_session=".length()));
        return c;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String method) throws Exception {
        HttpResponse<String> r = HTTP.send(b.method(method, method.equals("POST") || method.equals("PUT")
                ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(r.headers().map() + " " + r.body());
        return r;
    }

    /** Every (method, path) of the route table and of the OpenAPI document, path parameters filled in. */
    private static Map<String, Boolean> everyRoute() throws Exception {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        for (Route r : site.app.router().routes()) {
            for (var m : r.methods()) {
                out.put(m.name() + " " + fill(r.template()), r.access().open());
            }
        }
        JsonNode doc = TestSite.JSON.readTree(OpenApi.document());
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode security = op.getValue().get("security");
                out.putIfAbsent(op.getKey().toUpperCase() + " " + fill(p.getKey()),
                        security != null && security.isEmpty());
            }
        }
        return out;
    }

    private static String fill(String template) {
        return template.replaceAll("\\{[a-z_]+\\*}", "x/y").replaceAll("\\{[a-z_]+}", site.alertId);
    }

    @Test
    @Order(1)
    void everyRouteNeedsAValidSessionExceptThePublicOnes() throws Exception {
        ApiClient gone = signIn("admin");
        assertEquals(204, send(gone.request("/api/v1/session").header("X-CSRF-Token", gone.csrf()), "DELETE")
                .statusCode());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String forged = "mw_session=" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, Boolean> routes = everyRoute();
        assertTrue(routes.size() >= 7, routes.toString());
        List<String> publicOnes = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : routes.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(method.length() + 1);
            if (e.getValue()) {
                publicOnes.add(e.getKey());
                continue;
            }
            String[][] attempts = {{}, {"Cookie", forged}, {"Cookie", gone.cookie()},
                {"Cookie", gone.cookie(), "X-CSRF-Token", gone.csrf()}, {"Cookie", "mw_session=../../etc"}};
            for (String[] headers : attempts) {
                HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(site.base + path));
                if (headers.length > 0) {
                    b.headers(headers);
                }
                HttpResponse<String> r = send(b, method);
                assertEquals(401, r.statusCode(), e.getKey() + " with " + List.of(headers));
                assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
                if (!method.equals("HEAD")) { // a HEAD answer has no body (the tus upload offset route)
                    assertTrue(TestSite.JSON.readTree(r.body()).get("error").asText().length() > 0);
                }
            }
        }
        assertEquals(Set.of("GET /healthz", "POST /api/v1/session", "GET /api/v1/openapi.json"),
                Set.copyOf(publicOnes), "public without a session: only these (metrics_public is off)");
    }

    @Test
    @Order(2)
    void anOfficialReadsOnlyTheAlertsRoutedToThem() throws Exception {
        ApiClient li = signIn("li");
        String clip = "/api/clips/" + site.alertId;
        String zip = "/api/alerts/" + site.alertId + "/evidence.zip";
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (li.get(clip).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                fail("li never got the clip of an alert routed to li");
            }
            Thread.sleep(100);
        }
        assertEquals(200, li.get(zip).statusCode());
        ApiClient wang = signIn("wang");
        HttpResponse<byte[]> otherClip = wang.get(clip);
        HttpResponse<byte[]> otherZip = wang.get(zip);
        HttpResponse<byte[]> noneClip = wang.get("/api/clips/no-such-alert");
        assertEquals(404, otherClip.statusCode(), "another official's clip");
        assertEquals(404, otherZip.statusCode(), "another official's evidence");
        assertEquals(new String(noneClip.body(), StandardCharsets.UTF_8),
                new String(otherClip.body(), StandardCharsets.UTF_8), "indistinguishable from an unknown alert");
        for (String user : List.of("cc", "admin", "ana")) {
            ApiClient c = signIn(user);
            assertEquals(200, c.get(clip).statusCode(), user);
            assertEquals(200, c.get(zip).statusCode(), user);
        }
        List<String> actors = Files.readAllLines(site.storage.resolve("evidence/audit.jsonl")).stream()
                .map(l -> readTree(l)).filter(n -> n.get("action").asText().equals("clip_viewed"))
                .map(n -> n.get("actor").asText()).toList();
        assertTrue(actors.containsAll(List.of("li", "cc", "admin", "ana")) && !actors.contains("wang"), actors.toString());
    }

    private static JsonNode readTree(String line) {
        try {
            return TestSite.JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(3)
    void aStateChangingRequestWithoutTheCsrfTokenIs403() throws Exception {
        ApiClient admin = signIn("admin");
        ApiClient other = signIn("ana");
        for (Map.Entry<String, Boolean> e : everyRoute().entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            if (e.getValue() || !STATE_CHANGING.contains(method)) {
                continue;
            }
            String path = e.getKey().substring(method.length() + 1);
            assertEquals(403, send(admin.request(path), method).statusCode(), e.getKey() + " without the token");
            assertEquals(403, send(admin.request(path).header("X-CSRF-Token", ""), method).statusCode());
            assertEquals(403, send(admin.request(path).header("X-CSRF-Token", other.csrf()), method).statusCode(),
                    e.getKey() + " with another session's token");
        }
        assertEquals(200, admin.get("/api/v1/me").statusCode(), "the refused sign-out did nothing");
        HttpResponse<String> out = send(admin.request("/api/v1/session").header("X-CSRF-Token", admin.csrf()), "DELETE");
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("set-cookie").orElseThrow().startsWith("mw_session=; Max-Age=0"));
        assertEquals(401, admin.get("/api/v1/me").statusCode(), "signed out");
    }

    @Test
    @Order(4)
    void repeatedFailuresAreThrottledPerUserAndPerAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            String r = site.login("127.0.0.8", "victim", "guess-" + i);
            assertTrue(r.startsWith("HTTP/1.1 401"), r);
            assertTrue(r.contains("{\"error\":\"wrong user or password\"}"), r);
            answers.add(r);
        }
        String blocked = site.login("127.0.0.18", "victim", SecureSite.PASSWORDS.get("victim"));
        answers.add(blocked);
        assertTrue(blocked.startsWith("HTTP/1.1 429"), "the right password from another address is refused: " + blocked);
        assertTrue(blocked.toLowerCase().matches("(?s).*\r\nretry-after: [1-9][0-9]*\r\n.*"), blocked);

        for (int i = 0; i < 20; i++) {
            String r = site.login("127.0.0.9", "guess-name-" + i, "x");
            assertTrue(r.startsWith("HTTP/1.1 401"), r);
        }
        String fromThere = site.login("127.0.0.9", "admin", SecureSite.PASSWORDS.get("admin"));
        answers.add(fromThere);
        assertTrue(fromThere.startsWith("HTTP/1.1 429"), fromThere);
        String elsewhere = site.login("127.0.0.10", "admin", SecureSite.PASSWORDS.get("admin"));
        assertTrue(elsewhere.startsWith("HTTP/1.1 200"), "other addresses still sign in: " + elsewhere);
        int at = elsewhere.indexOf("mw_session=") + "mw_session=".length();
        tokens.add(elsewhere.substring(at, elsewhere.indexOf(';', at)));
        answers.add(elsewhere.substring(0, at - 11) + elsewhere.substring(elsewhere.indexOf(';', at)));

        String scrape = new String(signIn("ana").get("/metrics").body(), StandardCharsets.UTF_8);
        assertTrue(scrape.contains("auth_logins_total{result=\"throttled\"} 2.0"), scrape);
        assertTrue(scrape.matches("(?s).*auth_logins_total\\{result=\"failed\"} (2[5-9]|[3-9][0-9])\\.0.*"), "failed");
        assertTrue(scrape.contains("auth_sessions_active"), "active sessions gauge");
        List<String> audit = Files.readAllLines(site.storage.resolve("evidence/audit.jsonl"));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"actor\":\"victim\",\"action\":\"login_throttled\"")
                && l.contains("127.0.0.18")), "throttled attempt audited");
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"actor\":\"unknown\",\"action\":\"login_failed\"")),
                "failures of unknown names audited without the name");
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"actor\":\"admin\",\"action\":\"login\"")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"actor\":\"admin\",\"action\":\"logout\"")));
    }

    @Test
    @Order(5)
    void badSignInBodiesAre400WithAClearMessage() throws Exception {
        String[][] cases = {{"not json", "body is not valid JSON"}, {"[1]", "body must be a JSON object"},
            {"{\"user\":\"admin\"}", "password\\\" must be a non-empty string"}, {"", "a JSON object body is required"}};
        for (String[] c : cases) {
            String r = SecureSite.raw(site.app.httpPort(), "127.0.0.11", "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\nContent-Length: " + c[0].length() + "\r\n\r\n" + c[0]);
            answers.add(r);
            assertTrue(r.startsWith("HTTP/1.1 400") && r.contains(c[1]), r);
        }
        String big = "{\"user\":\"admin\",\"password\":\"" + "a".repeat(70_000) + "\"}";
        String r = SecureSite.raw(site.app.httpPort(), "127.0.0.11", "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);
        assertTrue(r.startsWith("HTTP/1.1 413"), "a body past 64 KiB is refused: " + r.lines().findFirst().orElse(""));
    }

    /**
     * Flights are for analysts, the command centre and admins: an official is refused (403) on every
     * flight route, a cancel of an unknown flight is 404, of a real one 200 (audited) and then 409.
     */
    @Test
    @Order(6)
    void flightsAreForAnalystsCommandAndAdminsNotOfficials() throws Exception {
        Path video = Files.copy(TestSite.HAAR, site.storage.resolve("flight-upload.avi"));
        String id = site.app.flights().submit(new io.minewatch.server.flights.UploadedFlight(video, null,
                "overpass", "pit", null, "ana"));
        ApiClient li = signIn("li");
        assertEquals(403, li.get("/api/v1/flights").statusCode(), "an official lists flights");
        assertEquals(403, li.get("/api/v1/flights/" + id).statusCode(), "an official reads a flight");
        assertEquals(403, send(li.request("/api/v1/flights/" + id + "/cancel").header("X-CSRF-Token", li.csrf()),
                "POST").statusCode(), "an official cancels a flight");
        for (String user : List.of("cc", "admin")) {
            HttpResponse<byte[]> list = signIn(user).get("/api/v1/flights");
            assertEquals(200, list.statusCode(), user);
            assertTrue(new String(list.body(), StandardCharsets.UTF_8).contains(id), user);
        }
        ApiClient ana = signIn("ana");
        JsonNode one = TestSite.JSON.readTree(ana.get("/api/v1/flights/" + id).body());
        assertEquals("overpass", one.get("name").asText());
        assertEquals(404, ana.get("/api/v1/flights/no-such-flight").statusCode());
        assertEquals(404, send(ana.request("/api/v1/flights/no-such-flight/cancel")
                .header("X-CSRF-Token", ana.csrf()), "POST").statusCode());
        assertEquals(200, send(ana.request("/api/v1/flights/" + id + "/cancel").header("X-CSRF-Token", ana.csrf()),
                "POST").statusCode());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!TestSite.JSON.readTree(ana.get("/api/v1/flights/" + id).body()).get("state").asText()
                .equals("cancelled")) {
            if (System.nanoTime() > deadline) {
                fail("the flight never ended cancelled");
            }
            Thread.sleep(100);
        }
        assertEquals(409, send(ana.request("/api/v1/flights/" + id + "/cancel").header("X-CSRF-Token", ana.csrf()),
                "POST").statusCode(), "a cancelled flight cannot be cancelled again");
        assertTrue(Files.readAllLines(site.storage.resolve("evidence/audit.jsonl")).stream()
                .anyMatch(l -> l.contains("flight_cancelled") && l.contains(id) && l.contains("\"ana\"")));
    }

    /** The routes a department user may call (every other answers 403): its whistles, the catalogue, who am I. */
    private static final Set<String> DEPARTMENT_ROUTES = Set.of("GET /api/v1/me", "GET /api/v1/ui",
            "DELETE /api/v1/session", "GET /api/v1/catalogue", "GET /api/v1/whistles", "POST /api/v1/whistles/{id}/ack",
            "POST /api/v1/whistles/{id}/report");

    private static HttpResponse<String> call(ApiClient as, String method, String path, boolean csrf) throws Exception {
        HttpRequest.Builder b = as.request(path).header("Content-Type", "application/json");
        if (csrf) {
            b.header("X-CSRF-Token", as.csrf());
        }
        return send(b, method);
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.request().uri().getPath() + ": " + r.body());
        return TestSite.JSON.readTree(r.body());
    }

    /**
     * The case loop's role rules (issue 18), attacked: a department user is refused (403) every alert,
     * camera, clip, evidence, site, flight, track, verdict, admin and case route — exactly the routes outside
     * its own (whistles, catalogue, me) — and gets 404 for another department's whistle; an official of
     * another team gets 404 for a case (read, on-site, photo, close); a reviewer may not dispatch or
     * acknowledge; an official opens cases by hand only; every case POST without the CSRF token is 403 for
     * a role that may call it.
     */
    @Test
    @Order(7)
    void theCaseLoopsRolesAreKept() throws Exception {
        ApiClient admin = signIn("admin");
        ApiClient li = signIn("li");
        ApiClient wang = signIn("wang");
        ApiClient transport = signIn("transport");
        ApiClient police = signIn("police");
        ApiClient rev = signIn("rev");
        String id = json(post(admin, "/api/v1/cases", "{\"source\":\"patrol\",\"note\":\"河滩夜间运砂\",\"lat\":"
                + CaseFixtures.NORTH_LAT + ",\"lon\":" + CaseFixtures.NORTH_LON + "}"), 201).get("id").asText();
        String base = "/api/v1/cases/" + id;
        assertEquals(403, post(rev, base + "/dispatch", "{}").statusCode(), "a reviewer dispatches");
        json(post(admin, base + "/dispatch", "{\"team\":\"north-1\"}"), 200);
        json(post(li, base + "/on-site", "{\"staff\":2,\"matters\":[{\"code\":\"overload\"},"
                + "{\"code\":\"altered-body\"}]}"), 200);
        JsonNode whistles = json(send(admin.request("/api/v1/whistles?case=" + id), "GET"), 200).get("whistles");
        assertEquals(2, whistles.size(), whistles.toString());
        String transportWhistle = null;
        String policeWhistle = null;
        for (JsonNode w : whistles) {
            if (w.get("department").asText().equals("transport")) {
                transportWhistle = w.get("id").asText();
            } else {
                policeWhistle = w.get("id").asText();
            }
        }

        // An official of another team: the case does not exist for them.
        for (String[] attempt : new String[][] {{"GET", base}, {"GET", base + "/photos/1"}, {"POST", base + "/on-site"},
            {"POST", base + "/close"}}) {
            HttpResponse<String> r = call(wang, attempt[0], attempt[1], true);
            assertEquals(404, r.statusCode(), "wang " + List.of(attempt) + ": " + r.body());
            assertEquals("{\"error\":\"no such case\"}", r.body(), "indistinguishable from an unknown case");
        }
        assertEquals(404, post(wang, base + "/photos", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})
                .statusCode());
        assertFalse(send(wang.request("/api/v1/cases"), "GET").body().contains(id), "wang's list");
        assertEquals(200, li.get(base).statusCode(), "li's team's case");
        HttpResponse<String> fromAlert = post(li, "/api/v1/cases", "{\"source\":\"alert\",\"alerts\":[\"" + site.alertId
                + "\"]}");
        assertEquals(403, fromAlert.statusCode(), "an official opens cases by hand only: " + fromAlert.body());
        assertFalse(fromAlert.body().contains(site.alertId), fromAlert.body());
        assertEquals(201, post(li, "/api/v1/cases", "{\"source\":\"hotline\",\"lat\":" + CaseFixtures.NORTH_LAT
                + ",\"lon\":" + CaseFixtures.NORTH_LON + "}").statusCode(), "hand intake by an official");

        // A department: only its own whistle; another department's is 404, as an unknown one.
        JsonNode own = json(send(transport.request("/api/v1/whistles"), "GET"), 200).get("whistles");
        assertEquals(1, own.size());
        assertEquals(transportWhistle, own.get(0).get("id").asText());
        assertEquals(1, json(send(police.request("/api/v1/whistles?case=" + id), "GET"), 200).get("whistles").size());
        for (String action : List.of("ack", "report")) {
            HttpResponse<String> r = post(transport, "/api/v1/whistles/" + policeWhistle + "/" + action,
                    "{\"kind\":\"rectified\"}");
            assertEquals(404, r.statusCode(), action + " of another department's whistle: " + r.body());
            assertEquals(post(transport, "/api/v1/whistles/W-19990101-0001/" + action, "{\"kind\":\"rectified\"}")
                    .body(), r.body(), "indistinguishable from an unknown whistle");
        }
        assertEquals(403, post(rev, "/api/v1/whistles/" + transportWhistle + "/ack", "{}").statusCode(),
                "a reviewer acknowledges");
        assertEquals(403, post(admin, "/api/v1/whistles/" + transportWhistle + "/ack", "{}").statusCode());

        // Every other route is refused to a department user, by the route table's roles.
        Set<String> allowed = new TreeSet<>();
        for (Route r : site.app.router().routes()) {
            for (var m : r.methods()) {
                String key = m.name() + " " + r.template();
                if (r.access().open() || key.equals("DELETE /api/v1/session")) {
                    if (!r.access().open()) {
                        allowed.add(key); // every role may sign out (not called: it would end the session)
                    }
                    continue;
                }
                String path = r.template().replace("{id}", r.template().contains("whistles") ? transportWhistle
                        : r.template().startsWith("/api/v1/cases") ? id : site.alertId)
                        .replaceAll("\\{[a-z_]+\\*}", "x/y").replaceAll("\\{[a-z_]+}", "1");
                HttpResponse<String> answer = call(police, m.name(), path, true);
                if (r.access().allows("department")) {
                    allowed.add(key);
                    assertTrue(answer.statusCode() != 403, key + " is the department's: " + answer.body());
                } else {
                    assertEquals(403, answer.statusCode(), key + " for a department user: " + answer.body());
                }
            }
        }
        assertEquals(new TreeSet<>(DEPARTMENT_ROUTES), allowed, "what a department user may call");
        assertEquals(200, police.get("/api/v1/catalogue").statusCode());

        // Every case POST without the token is 403 for a role that may call it.
        Map<String, ApiClient> callers = Map.of("/review", rev, "/ack", transport, "/report", transport);
        for (Route r : site.app.router().routes()) {
            if (!r.methods().contains(io.netty.handler.codec.http.HttpMethod.POST)
                    || !(r.template().startsWith("/api/v1/cases") || r.template().startsWith("/api/v1/whistles")
                    || r.template().endsWith("/catalogue"))) {
                continue;
            }
            ApiClient as = callers.entrySet().stream().filter(e -> r.template().endsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(admin);
            String path = r.template().replace("{id}", r.template().contains("whistles") ? transportWhistle : id);
            HttpResponse<String> refused = call(as, "POST", path, false);
            assertEquals(403, refused.statusCode(), "POST " + r.template() + " without the token");
            assertTrue(refused.body().contains("X-CSRF-Token"), refused.body());
        }
        json(send(transport.request("/api/v1/whistles/" + transportWhistle + "/ack")
                .header("X-CSRF-Token", transport.csrf()), "POST"), 200);
    }

    private static HttpResponse<String> post(ApiClient as, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(as.request(path).header("Content-Type", "application/json")
                .header("X-CSRF-Token", as.csrf()).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(r.headers().map() + " " + r.body());
        return r;
    }

    private static HttpResponse<String> post(ApiClient as, String path, String type, byte[] body) throws Exception {
        HttpResponse<String> r = HTTP.send(as.request(path).header("Content-Type", type)
                .header("X-CSRF-Token", as.csrf()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(r.headers().map() + " " + r.body());
        return r;
    }

    @Test
    @Order(99)
    void noPasswordSecretOrTokenInAnyLogLineAnswerOrAuditEntry() throws Exception {
        assertFalse(tokens.isEmpty());
        assertTrue(site.logLines.size() > 10, "the log was captured: " + site.logLines.size());
        List<String> secrets = new ArrayList<>(SecureSite.PASSWORDS.values());
        secrets.addAll(tokens);
        String audit = Files.readString(site.storage.resolve("evidence/audit.jsonl"));
        for (String secret : secrets) {
            for (String line : site.logLines) {
                assertFalse(line.contains(secret), "log line holds a secret: " + line);
            }
            for (String answer : answers) {
                assertFalse(answer.contains(secret), "answer holds a secret: " + answer);
            }
            assertFalse(audit.contains(secret), "the audit log holds a secret");
        }
        assertNotNull(audit);
    }
}
