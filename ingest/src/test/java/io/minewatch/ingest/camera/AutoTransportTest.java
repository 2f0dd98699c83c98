package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.rtsp.Transport;
import io.minewatch.ingest.testing.VlcServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 11): VLC's RTSP server has no TCP interleaving (461 to a TCP SETUP) and
 * minewatch retried TCP for ever. With the default transport {@code auto} the camera asks for TCP,
 * gets 461, goes over UDP, comes online, and says so in its status and metrics.
 */
class AutoTransportTest {

    @Test
    void autoFallsBackToUdpWhenVlcRefusesTcp() throws Exception {
        List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VlcServerProcess vlc = VlcServerProcess.start(SharedFiles.video(SharedFiles.TRAFFIC), "cam");
             RtspIngest ingest = new RtspIngest(1, registry)) {
            assertEquals(IngestSettings.Transport.AUTO, IngestSettings.DEFAULTS.transport(), "auto is the default");
            CameraIngest cam = ingest.add("vlc", vlc.url("cam"), IngestSettings.DEFAULTS, statuses::add);
            ingest.start();
            LongGopPullTest.waitFor(() -> cam.metrics().keyFrames() >= 1 && cam.ring().seconds() >= 2, 20_000,
                    "VLC's stream over UDP (statuses " + statuses + ")");
            CameraStatus online = statuses.stream().filter(s -> s.kind() == CameraStatus.Kind.ONLINE).findFirst()
                    .orElseThrow();
            assertEquals("udp", online.transport(), "the status says how RTP arrives");
            assertEquals(Transport.UDP, cam.transport());
            assertEquals(2, cam.metrics().transport(), "ingest.transport gauge: 2 = UDP");
            assertEquals(1.0, registry.get("ingest.transport_switches").tag("camera", "vlc").counter().count());
            assertTrue(cam.ring().snapshot()[0].keyFrame());
        }
    }

    /**
     * A camera that refuses TCP once (461), then accepts UDP but whose UDP packets never arrive (a
     * firewall), then serves TCP: auto goes TCP -> UDP -> TCP and comes online over TCP. The camera is
     * a scripted RTSP server on a real socket (no real peer behaves like this on demand).
     */
    @Test
    void autoGoesBackToTcpWhenNoPacketArrivesOverUdp() throws Exception {
        List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> transportsAsked = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             RtspIngest ingest = new RtspIngest(1, registry)) {
            Thread camera = new Thread(() -> serve(listener, transportsAsked), "scripted-camera");
            camera.setDaemon(true);
            camera.start();
            CameraIngest cam = ingest.add("fw", "rtsp://127.0.0.1:" + listener.getLocalPort() + "/cam",
                    IngestSettings.DEFAULTS, statuses::add);
            ingest.start();
            LongGopPullTest.waitFor(() -> cam.metrics().accessUnits() >= 1, 30_000,
                    "online over TCP after UDP stayed silent (asked: " + transportsAsked + ")");
            assertEquals(Transport.TCP, cam.transport());
            assertEquals(1, cam.metrics().transport());
            assertEquals(2.0, registry.get("ingest.transport_switches").tag("camera", "fw").counter().count());
            assertTrue(transportsAsked.size() >= 3 && transportsAsked.get(0).contains("TCP")
                    && !transportsAsked.get(1).contains("TCP") && transportsAsked.get(2).contains("TCP"),
                    "TCP, then UDP, then TCP: " + transportsAsked);
            assertEquals("tcp", statuses.stream().filter(s -> s.kind() == CameraStatus.Kind.ONLINE).findFirst()
                    .orElseThrow().transport());
        }
    }

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=s\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
            + "a=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAH+kC,aM44gA==\r\n"
            + "a=control:track0\r\n";

    /** Connection 1 refuses TCP; 2 accepts UDP and sends nothing; 3 accepts TCP and sends key frames. */
    private static void serve(ServerSocket listener, List<String> asked) {
        for (int conn = 1; conn <= 6; conn++) {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    List<String> head = new ArrayList<>();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.add(line);
                    }
                    if (head.isEmpty()) {
                        break;
                    }
                    String cseq = header(head, "CSeq");
                    String method = head.get(0).split(" ")[0];
                    String ok = "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n";
                    switch (method) {
                        case "OPTIONS" -> out.write((ok + "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        case "DESCRIBE" -> out.write((ok + "Content-Base: rtsp://127.0.0.1/cam/\r\nContent-Type: application/sdp\r\n"
                                + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP).getBytes(StandardCharsets.ISO_8859_1));
                        case "SETUP" -> {
                            String t = header(head, "Transport");
                            asked.add(t);
                            boolean tcp = t.contains("TCP");
                            if (tcp && asked.size() == 1) {
                                out.write(("RTSP/1.0 461 Unsupported Transport\r\nCSeq: " + cseq + "\r\n\r\n")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                            } else {
                                String reply = tcp ? "RTP/AVP/TCP;unicast;interleaved=0-1"
                                        : t + ";server_port=40000-40001";
                                out.write((ok + "Session: s" + conn + "\r\nTransport: " + reply + "\r\n\r\n")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                            }
                        }
                        case "PLAY" -> {
                            out.write((ok + "Session: s" + conn + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            if (asked.get(asked.size() - 1).contains("TCP")) {
                                for (int i = 0; i < 50; i++) {
                                    out.write(keyFramePacket(i));
                                    out.flush();
                                    Thread.sleep(40);
                                }
                            }
                        }
                        default -> out.write((ok + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                }
            } catch (Exception e) {
                // the client closed the connection (it gave up on this transport): take the next one
            }
        }
    }

    private static String header(List<String> head, String name) {
        return head.stream().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse("");
    }

    /** An interleaved RTP packet (channel 0) holding one IDR slice, marker set. */
    private static byte[] keyFramePacket(int i) {
        byte[] idr = {0x65, (byte) 0x88, 0x01, 0x02, 0x03, 0x04};
        int n = 12 + idr.length;
        byte[] b = new byte[4 + n];
        b[0] = '$';
        b[2] = (byte) (n >> 8);
        b[3] = (byte) n;
        b[4] = (byte) 0x80;
        b[5] = (byte) (0x80 | 96);
        b[6] = (byte) (i >> 8);
        b[7] = (byte) i;
        int ts = i * 3600;
        b[8] = (byte) (ts >> 24);
        b[9] = (byte) (ts >> 16);
        b[10] = (byte) (ts >> 8);
        b[11] = (byte) ts;
        System.arraycopy(idr, 0, b, 16, idr.length);
        return b;
    }
}
