package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.minewatch.server.TestSite.MODEL;
import static io.minewatch.server.TestSite.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipSidecar;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.alerts.evidence.EvidenceVerifier;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record path end to end: the traffic clip served as a live RTSP camera by GStreamer, an alert
 * raised on it by the real model, and the alert's clip — pre-roll + event + post-roll from a key
 * frame, by stream copy, its packets the source's byte for byte — served over HTTP with ranges and
 * exported with its evidence.
 */
class ClipEvidenceTest {
    private static final Path CLIP = TestSite.TRAFFIC_BUS;
    private static final int PRE_S = 4;
    private static final int POST_S = 4;

    @TempDir
    Path dir;

    @Test
    void anAlertOnALiveCameraYieldsAByteIdenticalClipServedAndExported() throws Exception {
        assertTrue(Files.isRegularFile(CLIP), "footage missing: " + CLIP);
        RtspServerProcess server = RtspServerProcess.start("street=" + CLIP);
        try {
            int rtspPort = server.port();
            int mqttPort = FreePorts.freePort();
            String prefix = FreePorts.topicPrefix();
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - id: pit-road
                        lat: 30.60
                        lon: 114.34
                    cameras:
                      - id: street-1
                        site: pit-road
                        detect: rtsp://127.0.0.1:%d/street
                        fps: 5
                    users:
                      - {id: ana, role: analyst, password: ana-pw-0123}
                    alerts:
                      gap_s: 3
                    mqtt:
                      embedded_port: %d
                      anonymous: read
                      topic_prefix: %s
                    storage:
                      dir: data
                      clips:
                        pre_s: %d
                        post_s: %d
                    http:
                      port: 0
                    """.formatted(rtspPort, mqttPort, prefix, PRE_S, POST_S));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
            Path storage = dir.resolve("data");
            List<JsonNode> alerts = new CopyOnWriteArrayList<>();
            try (Application app = Application.create(cfg, MODEL)) {
                MqttClient sub = new MqttClient(app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
                sub.connect(new MqttConnectOptions());
                sub.subscribe(prefix + "/alerts/pit-road/street-1", 1, (t, m) -> alerts.add(JSON.readTree(m.getPayload())));
                app.startCameras();
                ClipFile clip = awaitClip(storage, alerts, Duration.ofSeconds(120));
                sub.disconnect();
                sub.close();

                String id = clip.alertId();
                JsonNode end = alerts.stream().filter(a -> id.equals(a.path("id").asText())
                        && "end".equals(a.path("event").asText())).findFirst().orElseThrow();
                double event = Duration.between(Instant.parse(end.path("started").asText()),
                        Instant.parse(end.path("time").asText())).toMillis() / 1000.0;
                double duration = FfmpegCli.duration(clip.file());
                double gop = FfmpegCli.maxKeyFrameInterval(CLIP);
                double expected = PRE_S + event + POST_S;
                assertTrue(duration >= expected - gop - 0.5 && duration <= expected + gop + 0.5,
                        "clip " + duration + " s for pre " + PRE_S + " + event " + event + " + post " + POST_S
                                + " (GOP up to " + gop + " s)");

                List<String> source = FfmpegCli.packetHashes(CLIP);
                List<String> copied = FfmpegCli.packetHashes(clip.file());
                assertTrue(copied.size() > 10, "clip packets: " + copied.size());
                assertTrue(Collections.indexOfSubList(source, copied) >= 0,
                        "the clip's " + copied.size() + " packets are not a run of the source's packets");
                assertEquals(List.of(), EvidenceVerifier.verify(storage.resolve("evidence/audit.jsonl"), storage));

                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.httpPort();
                assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/api/clips/" + id)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), "a clip needs a session");
                ApiClient ana = ApiClient.signIn(http, base, "ana", "ana-pw-0123");
                HttpResponse<byte[]> part = ana.get("/api/clips/" + id, "Range", "bytes=0-99");
                assertEquals(206, part.statusCode());
                assertEquals(100, part.body().length);
                HttpResponse<byte[]> zip = ana.get("/api/alerts/" + id + "/evidence.zip");
                assertEquals(200, zip.statusCode());
                List<String> names = new ArrayList<>();
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                    ZipEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        names.add(e.getName());
                    }
                }
                assertTrue(names.containsAll(List.of("alert.json", "clip.mp4", "SHA256SUMS", "audit.jsonl")), names.toString());
                assertEquals(404, ana.get("/api/alerts/nope/evidence.zip").statusCode());
            }
        } finally {
            server.close();
        }
    }

    private static ClipFile awaitClip(Path storage, List<JsonNode> alerts, Duration timeout) throws InterruptedException {
        ClipStore store = new ClipStore(storage);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode a : alerts) {
                if ("end".equals(a.path("event").asText())) {
                    Optional<ClipFile> c = store.find(a.path("id").asText());
                    if (c.isPresent() && ClipSidecar.COMPLETE.equals(c.get().state())) {
                        return c.get();
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no complete clip of an ended alert in " + timeout + "; alerts: " + alerts);
    }
}
