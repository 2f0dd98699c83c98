package io.minewatch.server.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.testkit.PayloadSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's flight end to end: a flight made from the shared nadir drone clip (a wheel loader driven across it
 * at 0.5–2.5 s and 4.5–6.5 s) with telemetry that starts over site {@code pit} and leaves it after 3 s is processed
 * with progress messages; both detections carry positions; the one inside the pit is the pit's
 * {@code heavy_vehicle} alert routed to its official, the one outside every site an
 * {@code unregistered_site} alert of nobody's site (the command centre's).
 */
class FlightEndToEndTest {
    @TempDir
    Path dir;

    /** Over the pit (drifting 11 m/s north) until 3 s, then 2.2 km north of it. */
    static List<TelemetryPoint> track() {
        List<TelemetryPoint> out = new ArrayList<>();
        for (int t = 0; t <= 7; t++) {
            double lat = (t <= 3 ? FlightStack.PIT_LAT : FlightStack.PIT_LAT + 0.02) + 0.0001 * t;
            out.add(new TelemetryPoint(t, lat, FlightStack.PIT_LON, 80.0, 120.0, -90.0, 0.0, 0.0));
        }
        return out;
    }

    /**
     * The same track as a DJI Mavic 3 shaped {@code .SRT} (bracketed keys, cue timing, FrameCnt) with the
     * gimbal fields newer DJI models write ({@code [gb_yaw: .. gb_pitch: .. gb_roll: ..]}), read by the
     * server's SrtParser: with the yaw known the box centre is projected to the ground.
     */
    static Path srt(Path dir) throws Exception {
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (TelemetryPoint p : track()) {
            int t = (int) p.t();
            b.append(n).append('\n').append(String.format(Locale.ROOT, "00:00:%02d,000 --> 00:00:%02d,020%n", t, t))
                    .append("<font size=\"28\">FrameCnt: ").append(t * 25 + 1).append(", DiffTime: 20ms\n")
                    .append(String.format(Locale.ROOT, "2026-11-30 09:00:%02d.000%n", t))
                    .append(String.format(Locale.ROOT, "[iso: 100] [shutter: 1/1000.0] [fnum: 2.8] [ev: 0] [ct: 5500]"
                            + " [color_md : default] [focal_len: 24.00] [latitude: %.6f] [longitude: %.6f]"
                            + " [rel_alt: %.3f abs_alt: %.3f] [gb_yaw: %.1f gb_pitch: %.1f gb_roll: 0.0] </font>%n%n",
                            p.lat(), p.lon(), p.altRel(), p.altAbs(), p.gimbalYaw(), p.gimbalPitch()));
            n++;
        }
        Path f = dir.resolve("DJI_0001.SRT");
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aFlightIsProcessedWithProgressAndItsDetectionsArePlacedAndRoutedByGeofence() throws Exception {
        DatabaseConfig db = new DatabaseConfig("jdbc:sqlite:" + dir.resolve("minewatch.db"), null, null, null);
        try (FlightStack stack = new FlightStack(dir, db, 2)) {
            FlightService flights = stack.start();
            Path video = stack.upload("DJI_0001.MP4");
            long t0 = System.nanoTime();
            String id = flights.submit(new UploadedFlight(video, srt(stack.storage),
                    "sweep north", null, "mavic3", "ana"));
            FlightStack.until(() -> flights.status(id).map(s -> s.state().equals("done")).orElse(false),
                    Duration.ofSeconds(120), "the flight is done");
            double took = (System.nanoTime() - t0) / 1e9;

            FlightStatus s = flights.status(id).orElseThrow();
            assertEquals(1.0, s.progress());
            assertTrue(s.frames() >= 34 && s.frames() <= 36, "7 s at 5 detect fps, every frame: " + s.frames());
            assertEquals(7.0, s.durationS(), 0.2);
            assertEquals("ana", s.uploadedBy());
            stack.desk.awaitIdle(10_000);

            FlightView v = flights.view(id).orElseThrow();
            assertEquals(8, v.track().size(), "the track is kept for the report");
            assertEquals(2, v.findings().size(), "one loader inside the pit, one outside: " + v.findings());
            FlightFinding inside = v.findings().get(0);
            FlightFinding outside = v.findings().get(1);
            assertEquals("heavy_vehicle", inside.rule());
            assertEquals("pit", inside.site());
            assertEquals("truck", inside.label());
            assertTrue(inside.offsetS() >= 0.5 && inside.offsetS() <= 2.7, "first loader at 0.5-2.5 s: "
                    + inside.offsetS());
            // Projected from 80 m straight down with a 71° view: the frame spans ~114 m of ground.
            assertEquals("ground", inside.geoSource(), "box centre projected to the ground");
            assertEquals(FlightStack.PIT_LAT, inside.lat(), 0.0008);
            assertEquals(FlightStack.PIT_LON, inside.lon(), 0.0008);
            assertTrue(inside.accuracyM() > 0 && inside.accuracyM() < 60, "accuracy " + inside.accuracyM());
            assertTrue(Files.isRegularFile(stack.storage.resolve(inside.snapshot())), "snapshot on disk");

            assertEquals(FlightService.UNREGISTERED_SITE, outside.rule());
            assertNull(outside.site(), "outside every site");
            assertTrue(outside.offsetS() >= 4.5 && outside.offsetS() <= 6.7, "second loader at 4.5-6.5 s: "
                    + outside.offsetS());
            assertEquals(FlightStack.PIT_LAT + 0.02, outside.lat(), 0.002);

            // The MQTT payloads: schema-valid, with position and flight; routed by site.
            List<JsonNode> alerts = new ArrayList<>();
            for (String p : stack.outboxPayloads("alert")) {
                alerts.add(PayloadSchemas.validate(p.getBytes(StandardCharsets.UTF_8)));
            }
            JsonNode unregistered = alerts.stream().filter(a -> a.path("rule").asText().equals("unregistered_site"))
                    .findFirst().orElseThrow();
            assertEquals(FlightService.UNREGISTERED, unregistered.path("site").asText());
            assertEquals("flight-" + id, unregistered.path("camera").asText());
            assertEquals(id, unregistered.path("flight").asText());
            assertEquals("ground", unregistered.path("geo_source").asText());
            assertEquals(outside.lat(), unregistered.path("lat").asDouble(), 1e-9);
            assertEquals(List.of("li"), routes(stack, inside.alertId()), "the pit's alert goes to its official");
            assertEquals(List.of(), routes(stack, outside.alertId()), "no official's: the command centre's");

            // Progress: queued, running ..., done; each schema-valid, progress never going back.
            List<JsonNode> progress = new ArrayList<>();
            for (String p : stack.outboxPayloads("flight")) {
                JsonNode n = PayloadSchemas.validate(p.getBytes(StandardCharsets.UTF_8));
                if (n.path("flight").asText().equals(id)) {
                    progress.add(n);
                }
            }
            assertEquals("queued", progress.get(0).path("state").asText());
            assertEquals("running", progress.get(1).path("state").asText());
            JsonNode last = progress.get(progress.size() - 1);
            assertEquals("done", last.path("state").asText());
            assertEquals(2, last.path("findings").asInt());
            double before = -1;
            for (JsonNode n : progress) {
                assertTrue(n.path("progress").asDouble() >= before, "progress goes forward: " + progress);
                before = n.path("progress").asDouble();
            }
            System.out.printf(Locale.ROOT, "flight of 7 s processed in %.1f s (%d progress messages)%n", took,
                    progress.size());
        }
    }

    private static List<String> routes(FlightStack stack, String alert) {
        return stack.database.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT official FROM alert_route WHERE alert_id = ? ORDER BY official")) {
                ps.setString(1, alert);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
