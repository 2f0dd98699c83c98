package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.SharedFiles;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The idle rule over UDP push (merge of issue 11's UDP push with issue 10's push ownership): media is
 * an access unit out of the depacketizer, whichever way its RTP came. A real encoder pushing over UDP,
 * whose RTSP connection carries nothing after RECORD, keeps the camera past the idle timeout; a
 * squatter that sets up UDP and sprays datagrams that make no access unit is closed by it.
 */
class PushUdpIdleTest {
    private static final String USER = "gateway";
    private static final String PASSWORD = "pa55-word";
    private static final Pattern SERVER_PORT = Pattern.compile("server_port=(\\d+)-(\\d+)");

    @Test
    void anEncoderPushingOverUdpOutlivesTheIdleTimeout() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, USER, PASSWORD, false,
                Duration.ofSeconds(2)), registry)) {
            PushedCamera cam = server.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            server.start();
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i",
                    SharedFiles.video(SharedFiles.HIGHWAY_720P).toString(), "-t", "7", "-c", "copy", "-f", "rtsp", "-rtsp_transport",
                    "udp", "rtsp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/drone-1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg hung");
            // Before the fix the connection was closed as idle 2 s in and its UDP ports with it.
            assertEquals(0, registry.counter("ingest.push.closed", "reason", "idle").count(),
                    "a pusher whose media came over UDP was closed as idle");
            assertEquals(2, cam.metrics().transport(), "pushed over UDP");
            assertTrue(cam.ring().seconds() >= 5, "only " + cam.ring().seconds() + " s pushed");
            var aus = Arrays.asList(cam.ring().snapshot());
            assertNull(AuSequence.check(aus, ClipIndex.of(SharedFiles.video(SharedFiles.HIGHWAY_720P))));
        }
    }

    @Test
    void aSquatterSprayingUdpJunkIsClosedAsIdle() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, USER, PASSWORD, false,
                Duration.ofSeconds(2)), registry);
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            PushedCamera cam = server.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            server.start();
            try (RawRtspClient squatter = new RawRtspClient(server.port(), 5_000)) {
                long start = System.nanoTime();
                String uri = squatter.url("drone-1");
                RawRtspClient.Answer a = squatter.request("ANNOUNCE", uri, null, null, RawRtspClient.SDP);
                String nonce = a.nonce();
                assertEquals(200, squatter.request("ANNOUNCE", uri, auth("ANNOUNCE", uri, nonce), null,
                        RawRtspClient.SDP).status());
                String track = uri + "/streamid=0";
                a = squatter.request("SETUP", track, auth("SETUP", track, nonce), "Transport: RTP/AVP;unicast;client_port="
                        + udp.getLocalPort() + "-" + (udp.getLocalPort() + 1) + ";mode=record\r\n", null);
                assertEquals(200, a.status(), "UDP SETUP refused");
                Matcher ports = SERVER_PORT.matcher(a.headers().getOrDefault("transport", ""));
                assertTrue(ports.find(), "no server_port in " + a.headers());
                int rtpPort = Integer.parseInt(ports.group(1));
                assertEquals(200, squatter.request("RECORD", uri, auth("RECORD", uri, nonce),
                        "Session: " + a.headers().get("session") + "\r\n", null).status());
                // Datagrams from the squatter's own address every 100 ms: RTP headers, no slice in them.
                squatter.readTimeout(100);
                byte[] junk = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
                boolean closed = false;
                while (!closed && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
                    junk[3]++;
                    udp.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), rtpPort));
                    udp.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), rtpPort + 1));
                    closed = squatter.closedByServer();
                }
                double held = (System.nanoTime() - start) / 1e9;
                assertTrue(closed, "a squatter spraying UDP junk still held the camera after " + held + " s");
                assertTrue(held < 4.5, "squatter held the path for " + held + " s (idle timeout 2 s)");
            }
            assertEquals(1, registry.counter("ingest.push.closed", "reason", "idle").count());
            assertEquals(0, cam.metrics().accessUnits());
        }
    }

    private static String auth(String method, String uri, String nonce) {
        return RawRtspClient.digest(USER, "minewatch", PASSWORD, method, uri, nonce, uri);
    }
}
