package io.minewatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.testing.SampleAlerts;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    /** An alert as the one encoder writes it. */
    private static byte[] bytes(Alert alert) {
        return PayloadEncoder.json(alert, PayloadEncoder.newMessageId());
    }

    private static final Set<String> FIELDS = Set.of("schema", "msg_id", "id", "event", "rule", "level", "camera",
            "site", "time", "started", "objects", "stream_offset_s", "category", "label", "score", "box", "box_norm", "object_id",
            "snapshot");

    @Test
    void roundTripKeepsEveryField() {
        Alert alert = SampleAlerts.alert("river-bend", "cam-1", 3);

        assertEquals(alert, AlertJson.parse(bytes(alert)));
    }

    @Test
    void writesSnakeCaseNamesAndIsoUtcTime() throws Exception {
        JsonNode json = new ObjectMapper().readTree(bytes(SampleAlerts.alert("s", "c", 0)));

        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(new TreeSet<>(FIELDS), names);
        assertEquals("2024-05-01T06:30:12.250Z", json.get("time").asText());
        assertEquals(Alert.SCHEMA, json.get("schema").asText());
        assertEquals(12.5, json.get("stream_offset_s").asDouble());
        assertEquals(4, json.get("box_norm").size());
    }

    @Test
    void writesNullSnapshotExplicitly() throws Exception {
        Alert a = SampleAlerts.alert("s", "c", 0);
        Alert noSnapshot = new Alert(a.id(), a.event(), a.rule(), a.level(), a.camera(),
                a.site(), a.time(), a.started(), a.streamOffsetS(), a.category(), a.label(), a.score(), a.box(),
                a.boxNorm(), a.objectId(), a.objects(), null);

        JsonNode json = new ObjectMapper().readTree(bytes(noSnapshot));

        assertTrue(json.has("snapshot") && json.get("snapshot").isNull());
        assertEquals(noSnapshot, AlertJson.parse(bytes(noSnapshot)));
    }

    @Test
    void parseIgnoresFieldsOfLaterSchemas() {
        String json = new String(bytes(SampleAlerts.alert("s", "c", 1)), StandardCharsets.UTF_8);
        String extended = json.substring(0, json.length() - 1) + ",\"zone\":\"north\"}";

        assertEquals("c", AlertJson.parse(extended.getBytes(StandardCharsets.UTF_8)).camera());
    }

    @Test
    void parseRejectsGarbageBadTimeAndOversizedPayloads() {
        assertThrows(IllegalArgumentException.class, () -> AlertJson.parse("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> AlertJson.parse("{\"time\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> AlertJson.parse(new byte[AlertJson.MAX_PAYLOAD_BYTES + 1]));
    }

    /**
     * Issue 16: a drone flight's alert carries where its object is and its flight; the payload is
     * schema-valid, round-trips, and the schema refuses a position off the globe or an unknown source.
     * A camera's alert (the tests above) carries none of these fields.
     */
    @Test
    void aGeotaggedFlightAlertCarriesItsPositionAndFlight() throws Exception {
        io.minewatch.detect.event.DetectionEvent e = new io.minewatch.detect.event.DetectionEvent("heavy_vehicle",
                "flight-f1", "pit", 7, java.time.Instant.parse("2026-11-30T09:00:00Z"), 3.2, "heavy_vehicle", "truck",
                0.8f, new io.minewatch.detect.infer.Box(10, 20, 110, 220), 960, 540, "snapshots/flight-f1/a.jpg")
                .withGeo(new io.minewatch.detect.geo.GeoFix(30.50012345678, 114.3, 72.04, "drone"))
                .routed("unregistered_site", "unregistered", "f1");
        Alert a = new AlertFactory().fromEvent(e);
        assertEquals(30.5001235, a.lat());
        assertEquals(72.0, a.accuracyM());
        assertEquals("drone", a.geoSource());
        assertEquals("f1", a.flight());
        assertEquals("unregistered_site", a.rule());
        byte[] json = bytes(a);
        JsonNode n = io.minewatch.testkit.PayloadSchemas.validate(json);
        assertEquals(114.3, n.get("lon").asDouble());
        assertEquals("f1", n.get("flight").asText());
        assertEquals(a, AlertJson.parse(json));
        assertEquals(a.lat(), a.as("end").lat(), "every lifecycle step keeps the position");

        String text = new String(json, StandardCharsets.UTF_8);
        for (String bad : new String[] {text.replace("\"lat\":30.5001235", "\"lat\":91.0"),
            text.replace("\"geo_source\":\"drone\"", "\"geo_source\":\"guess\"")}) {
            assertTrue(!bad.equals(text), "the test changed the payload");
            assertTrue(io.minewatch.testkit.PayloadSchemas.problem(null, bad.getBytes(StandardCharsets.UTF_8))
                    != null, bad);
        }
    }
}
