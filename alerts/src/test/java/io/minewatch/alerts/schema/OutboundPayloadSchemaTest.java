package io.minewatch.alerts.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.testing.SampleAlerts;
import io.minewatch.testkit.PayloadSchemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every payload type the server can publish — every type permitted by the sealed {@link OutboundPayload},
 * found by reflection, so a new type is walked without editing this test — is encoded by the one
 * encoder and validated against the JSON Schema file its schema id names. A type without a sample
 * here, or without a schema file, fails the build.
 *
 * <p>Regression: camera status, camera_offline/camera_online and server_alert went out without
 * {@code msg_id} and without any schema file, and nothing noticed.
 */
class OutboundPayloadSchemaTest {

    private static final Instant T = Instant.parse("2026-11-30T02:00:00Z");
    private static final Alert ALERT = SampleAlerts.alert("river-bend", "cam-1", 3);
    private static final Topics TOPICS = new Topics("mw/v1");

    /** One instance (or more, for optional fields) of each type. */
    private static final Map<Class<?>, List<OutboundPayload>> SAMPLES = Map.ofEntries(
            Map.entry(Alert.class, List.of(ALERT, ALERT.as("end"))),
            Map.entry(Payloads.RoutedAlert.class, List.of(
                    new Payloads.RoutedAlert("li", "routed", TOPICS.ack(ALERT.id(), "li"), T, 0, ALERT),
                    new Payloads.RoutedAlert("li", "end", TOPICS.ack(ALERT.id(), "li"), null, 2, ALERT.as("end")))),
            Map.entry(Payloads.Whistle.class, List.of(new Payloads.Whistle("w-1", ALERT.id(), "water-resources",
                    "emergency", "dredging", "heavy_vehicle", "river-bend", "cam-1", "Xinhe", T,
                    "rule dredging is outside the authority of township \"Xinhe\"", "snapshots/x.jpg"))),
            Map.entry(Payloads.Escalation.class, List.of(new Payloads.Escalation(ALERT.id(), "tough", "river-bend",
                    "cam-1", "heavy_vehicle", 1, List.of("li", "wang"), "wang", T, T.plusSeconds(600)))),
            Map.entry(Payloads.AlertEvent.class, List.of(
                    new Payloads.AlertEvent(ALERT.id(), "created", "system", T, "heavy_vehicle on cam-1"),
                    new Payloads.AlertEvent(ALERT.id(), "ended", "system", T, null))),
            Map.entry(Payloads.ServerStats.class, List.of(new Payloads.ServerStats(T, 12.5, 2, 0, 7, 3, 1, 0))),
            Map.entry(Payloads.Snapshot.class, List.of(new Payloads.Snapshot(ALERT.id(), "river-bend", "cam-1",
                    "snapshots/cam-1/3.jpg", "image/jpeg", "/9j/4AAQ"))),
            Map.entry(Payloads.CameraStatus.class, List.of(
                    new Payloads.CameraStatus("cam-1", "river-bend", Payloads.ONLINE, T, null, "udp"),
                    new Payloads.CameraStatus("cam-1", "river-bend", Payloads.OFFLINE, T, "no data for 10 s", null))),
            Map.entry(Payloads.CameraAlert.class, List.of(
                    new Payloads.CameraAlert("a-1", "new", "camera_offline", "cam-1", "river-bend", T,
                            "offline since 2026-11-30T01:59:30Z", null),
                    new Payloads.CameraAlert("a-2", "new", "camera_online", "cam-1", "river-bend", T, null, 50.0))),
            Map.entry(Payloads.ServerAlert.class, List.of(
                    new Payloads.ServerAlert("s-1", "storage_low", "tough", T, 123_456_789L))),
            Map.entry(Payloads.FlightProgress.class, List.of(
                    new Payloads.FlightProgress("f1", "sweep north", "running", 0.4, 12.5, 14, 1, null, T),
                    new Payloads.FlightProgress("f1", "sweep north", "failed", 0.1, null, 3, 0,
                            "video file missing after restart: video.mp4", T))),
            Map.entry(Payloads.ServerStatus.class, List.of(
                    new Payloads.ServerStatus(Payloads.ONLINE, null, T),
                    new Payloads.ServerStatus(Payloads.OFFLINE, "stopped", T),
                    new Payloads.ServerStatus(Payloads.OFFLINE, "connection_lost", null))),
            Map.entry(Payloads.CaseEvent.class, List.of(
                    new Payloads.CaseEvent("C-20261130-0001", "case_opened", "cc", T, "intake", "Xinhe", null, null,
                            "tough", null, null, "alert a-1"),
                    new Payloads.CaseEvent("C-20261130-0001", "whistle_escalated", "system", T, "on_site", "Xinhe",
                            "north", "north-1", "tough", "W-20261130-0002", "OVERLOAD", "escalation 1"))),
            Map.entry(Payloads.CaseWhistle.class, List.of(
                    new Payloads.CaseWhistle("W-20261130-0002", "C-20261130-0001", "transport", "OVERLOAD",
                            "货车超限超载", "tough", "issued", 0, "Xinhe", T, T.plusSeconds(3600), T.plusSeconds(86400),
                            "heavy_vehicle @ road-1/cam-7"))));

    @Test
    void everyPublishableTypeValidatesAgainstItsSchemaFile() {
        Class<?>[] types = OutboundPayload.class.getPermittedSubclasses();
        assertNotNull(types, "OutboundPayload must stay sealed: its permitted types are the API");
        List<String> problems = new ArrayList<>();
        PayloadEncoder encoder = new PayloadEncoder(TOPICS);
        for (Class<?> type : types) {
            List<OutboundPayload> samples = SAMPLES.get(type);
            if (samples == null) {
                problems.add(type.getSimpleName() + ": no sample in this test (add one, and a schema file)");
                continue;
            }
            String file = "/schemas/" + name(samples.get(0).schema()) + ".schema.json";
            if (OutboundPayloadSchemaTest.class.getResource(file) == null) {
                problems.add(type.getSimpleName() + ": no JSON Schema file " + file + " for "
                        + samples.get(0).schema());
                continue;
            }
            for (OutboundPayload p : samples) {
                OutboundMessage m = encoder.message(p, null);
                JsonNode json = PayloadSchemas.validate(m.payload());
                assertEquals(p.schema(), json.get("schema").asText());
                assertEquals(m.msgId(), json.get("msg_id").asText(), type.getSimpleName() + " msg_id");
                assertTrue(m.topic().startsWith("mw/v1/") && !m.topic().contains("+") && !m.topic().contains("#"),
                        m.topic());
                assertEquals(p.retained(), m.retained());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everySchemaFileBelongsToAType() throws Exception {
        Set<String> used = new HashSet<>(Set.of("ack"));
        SAMPLES.values().forEach(l -> used.add(name(l.get(0).schema())));
        java.nio.file.Path dir = java.nio.file.Path.of(OutboundPayloadSchemaTest.class.getResource("/schemas").toURI());
        Set<String> files;
        try (var list = java.nio.file.Files.list(dir)) {
            files = list.map(f -> f.getFileName().toString().replace(".schema.json", "")).collect(Collectors.toSet());
        }
        assertEquals(files, used, "schema files without a payload type, or types without a file");
        assertEquals(SAMPLES.keySet(), new HashSet<>(Arrays.asList(OutboundPayload.class.getPermittedSubclasses())),
                "samples for types that are no longer published");
    }

    @Test
    void nestedPayloadsAreStampedToo() {
        JsonNode routed = PayloadSchemas.validate(PayloadEncoder.json(SAMPLES.get(Payloads.RoutedAlert.class).get(0), "m-1"));
        assertEquals(Alert.SCHEMA, routed.get("alert").get("schema").asText());
        assertFalse(routed.get("alert").get("msg_id").asText().isEmpty());
        assertFalse(routed.get("alert").get("msg_id").asText().equals("m-1"));
    }

    private static String name(String schemaId) {
        return schemaId.substring("minewatch.".length(), schemaId.indexOf('/'));
    }
}
