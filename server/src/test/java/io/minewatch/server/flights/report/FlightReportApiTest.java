package io.minewatch.server.flights.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report routes on the real HTTP server and sign-in ({@link FlightReportSite}): the three staff roles get the
 * GeoJSON, KML, evidence zip and snapshots (the same bytes the formats make, the files on disk); no session is 401,
 * an official 403 on every route, an unknown flight or finding 404, a snapshot path outside storage 404, an id
 * that is no id 404; exports leave no file behind and are audited with the caller.
 */
class FlightReportApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String F = "/api/v1/flights/" + FlightFixture.FLIGHT;
    private static final List<String> ROUTES = List.of(F + "/report.geojson", F + "/report.kml", F + "/evidence.zip",
            F + "/findings/a1/snapshot");
    @TempDir
    static java.nio.file.Path dir;
    static FlightReportSite site;

    @BeforeAll
    static void start() throws Exception {
        site = new FlightReportSite(dir.resolve("storage"), b -> { });
        site.flights.put(FlightFixture.FLIGHT, FlightFixture.flight(site.storage));
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    private static HttpResponse<byte[]> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void staffGetEveryFormat() throws Exception {
        SnapshotFiles s = new SnapshotFiles(site.storage);
        var flight = site.flights.get(FlightFixture.FLIGHT);
        for (String user : FlightReportSite.STAFF) {
            String cookie = site.cookie(HTTP, user);
            HttpResponse<byte[]> geo = get(F + "/report.geojson", cookie);
            assertEquals(200, geo.statusCode(), user);
            assertEquals("application/geo+json", geo.headers().firstValue("content-type").orElse(""));
            assertEquals("attachment; filename=\"flight-" + FlightFixture.FLIGHT + ".geojson\"",
                    geo.headers().firstValue("content-disposition").orElse(""));
            assertEquals(FlightGeoJson.of(flight, s), new String(geo.body(), StandardCharsets.UTF_8));
            FlightReportFormatsTest.assertRfc7946(JSON.readTree(geo.body()));

            HttpResponse<byte[]> kml = get(F + "/report.kml", cookie);
            assertEquals(200, kml.statusCode(), user);
            assertTrue(kml.headers().firstValue("content-type").orElse("").startsWith(FlightKml.MEDIA_TYPE));
            assertEquals(FlightKml.of(flight, s), new String(kml.body(), StandardCharsets.UTF_8));

            HttpResponse<byte[]> snap = get(F + "/findings/a2/snapshot", cookie);
            assertEquals(200, snap.statusCode(), user);
            assertEquals("image/jpeg", snap.headers().firstValue("content-type").orElse(""));
            assertArrayEquals(Files.readAllBytes(site.storage.resolve("snapshots/drone/a2.jpg")), snap.body());

            HttpResponse<byte[]> zip = get(F + "/evidence.zip", cookie);
            assertEquals(200, zip.statusCode(), user);
            assertEquals("application/zip", zip.headers().firstValue("content-type").orElse(""));
            List<String> names = new ArrayList<>();
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    names.add(e.getName());
                }
            }
            assertEquals(List.of("flight.json", "report.geojson", "report.kml", "snapshots/a1.jpg",
                    "snapshots/a2.jpg", "snapshots/a3.jpg", "SHA256SUMS", "HOW-TO-VERIFY.txt"), names);
        }
        try (var left = Files.list(site.storage.resolve("exports"))) {
            assertEquals(0, left.count(), "every export deleted once sent");
        }
        List<String> audited = Files.readAllLines(site.storage.resolve("evidence/audit.jsonl")).stream()
                .filter(l -> l.contains("\"action\":\"flight_exported\"")).toList();
        assertEquals(3, audited.size(), audited.toString());
        for (String user : FlightReportSite.STAFF) {
            assertTrue(audited.stream().anyMatch(l -> l.contains("\"actor\":\"" + user + "\"")
                    && l.contains("flight=" + FlightFixture.FLIGHT)), user);
        }
    }

    @Test
    void noSessionIs401AndAnOfficialIs403OnEveryRoute() throws Exception {
        String li = site.cookie(HTTP, "li");
        String forged = "mw_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (String path : ROUTES) {
            HttpResponse<byte[]> none = get(path, null);
            assertEquals(401, none.statusCode(), path);
            assertEquals(401, get(path, forged).statusCode(), path + " forged cookie");
            HttpResponse<byte[]> official = get(path, li);
            assertEquals(403, official.statusCode(), path + " as an official");
            assertTrue(new String(official.body(), StandardCharsets.UTF_8).contains("\"error\""));
            assertTrue(!new String(official.body(), StandardCharsets.UTF_8).contains("truck"), "nothing of the flight");
        }
        assertTrue(Files.readAllLines(site.storage.resolve("evidence/audit.jsonl")).stream()
                .noneMatch(l -> l.contains("\"actor\":\"li\",\"action\":\"flight_exported\"")));
    }

    @Test
    void unknownFlightsFindingsAndPathsOutsideStorageAre404() throws Exception {
        String ana = site.cookie(HTTP, "ana");
        for (String path : List.of("/api/v1/flights/nope/report.geojson", "/api/v1/flights/nope/report.kml",
                "/api/v1/flights/nope/evidence.zip", "/api/v1/flights/nope/findings/a1/snapshot",
                F + "/findings/nope/snapshot", F + "/findings/a4/snapshot", "/api/v1/flights/..%2F..%2Fetc/report.kml",
                "/api/v1/flights/%00x/report.geojson")) {
            HttpResponse<byte[]> r = get(path, ana);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), path);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("no such flight") || body.contains("no snapshot for that finding")
                    || body.contains("no such endpoint"), body);
        }
    }
}
