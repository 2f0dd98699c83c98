package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.rtsp.InterleavedFrameDecoder;
import io.minewatch.ingest.testing.TrackingAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated push conversations (OPTIONS, ANNOUNCE with SDP, SETUP, RECORD, interleaved RTP,
 * keep-alives, TEARDOWN, forged Digest headers, random bytes, huge headers) through the push server's
 * real pipeline, fixed seed so a failure replays. Checked from the test thread after every
 * conversation: every buffer released ({@link TrackingAllocator}), the pipeline never holding more than
 * {@link #BOUND}, no unexpected failure inside the handler ({@code ingest.push.errors} stays 0, which
 * the handler's failure sorter increments for anything but I/O and decoder errors), the camera's ring
 * and the throttle's table within their bounds, and no connection left counted by the limiter.
 */
class PushFuzzTest {
    static final long BOUND = 512 * 1024;
    private static final String SDP = RawRtspClient.SDP;

    private final Random random = new Random(20261130);
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final List<String> problems = new ArrayList<>();

    @Test
    void mutatedPushConversations() throws Exception {
        PushLimits limits = new PushLimits(3, Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofMinutes(10), Duration.ofSeconds(3));
        try (RtspPushServer anonymous = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, null, null),
                new SimpleMeterRegistry(), limits);
             RtspPushServer guarded = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, "gw", "pw"),
                     new SimpleMeterRegistry(), limits)) {
            PushedCamera open = anonymous.add("cam", IngestSettings.DEFAULTS, e -> { });
            PushedCamera locked = guarded.add("cam", IngestSettings.DEFAULTS, e -> { });
            PushContext anon = anonymous.context();
            PushContext auth = guarded.context();
            assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
                for (int i = 0; i < 4_500; i++) {
                    conversation(i % 3 == 2 ? auth : anon, i);
                    assertEquals(List.of(), problems, "round " + i);
                    assertEquals(List.of(), alloc.unreleased(), "round " + i + ": buffers not released");
                    alloc.reset();
                }
            });
            assertEquals(0, anonymous.metrics().count("ingest.push.errors", null), "unexpected failures");
            assertEquals(0, guarded.metrics().count("ingest.push.errors", null), "unexpected failures");
            assertTrue(open.metrics().accessUnits() > 1_000, "few access units: " + open.metrics().accessUnits());
            assertEquals(0, locked.metrics().accessUnits(), "media reached a camera behind credentials");
            assertTrue(open.ring().bytes() <= IngestSettings.DEFAULTS.ringBytes());
            assertTrue(guarded.throttle().size() <= AuthThrottle.MAX_ADDRESSES);
            assertEquals(0, anonymous.limiter().open() + guarded.limiter().open(), "connections still counted");
            // The Digest path was attacked many times: each credentialed attempt was refused with 401, or
            // (attempts from one address arriving faster than the throttle's queue allows, which depends on
            // how fast this machine runs the conversations) closed by the throttle unheard.
            double refused = guarded.metrics().count("ingest.push.auth.refused", "malformed")
                    + guarded.metrics().count("ingest.push.auth.refused", "unknown_nonce")
                    + guarded.metrics().count("ingest.push.closed", "throttled");
            assertTrue(refused > 100, "only " + refused + " credentialed attempts refused");
            assertTrue(alloc.allocated() > 50_000, "the allocator saw only " + alloc.allocated() + " buffers");
        }
    }

    private void conversation(PushContext context, int round) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                c.config().setAllocator(alloc);
                RtspPushServer.pipeline(c, context);
            }
        });
        List<byte[]> steps = script();
        int broken = random.nextInt(steps.size() + 2);
        for (int s = 0; s < steps.size() && ch.isActive(); s++) {
            byte[] step = steps.get(s);
            if (s == broken) {
                step = switch (round % 5) {
                    case 0 -> randomBytes(1 + random.nextInt(600));
                    case 1 -> ("OPTIONS rtsp://h/cam RTSP/1.0\r\nCSeq: 1\r\nX: " + "a".repeat(
                            InterleavedFrameDecoder.MAX_HEADER + random.nextInt(4000)) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1);
                    default -> mutate(step);
                };
            }
            feed(ch, step);
            if (random.nextInt(8) == 0) {
                // Let scheduled work run: throttled answers, the idle check.
                ch.advanceTimeBy(1, TimeUnit.SECONDS);
                ch.runScheduledPendingTasks();
                drain(ch);
            }
        }
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();
        ch.checkException();
        drain(ch);
        ch.finishAndReleaseAll();
    }

    /** A push conversation, with random Authorization headers, keep-alives and RTP frames. */
    private List<byte[]> script() {
        List<byte[]> out = new ArrayList<>();
        String url = "rtsp://127.0.0.1/cam";
        out.add(request("OPTIONS", url, ""));
        out.add(request("ANNOUNCE", url, "Content-Type: application/sdp\r\nContent-Length: " + SDP.length()
                + "\r\n" + authorization(), SDP));
        out.add(request("SETUP", url + "/streamid=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n"
                + authorization()));
        out.add(request("RECORD", url, "Session: 1\r\n" + authorization()));
        int frames = random.nextInt(12);
        for (int k = 0; k < frames; k++) {
            byte[] rtp = rtpPacket(k);
            byte[] f = new byte[rtp.length + 4];
            f[0] = '$';
            f[1] = (byte) (random.nextInt(6) == 0 ? random.nextInt(4) : 0);
            f[2] = (byte) (rtp.length >> 8);
            f[3] = (byte) rtp.length;
            System.arraycopy(rtp, 0, f, 4, rtp.length);
            out.add(f);
            if (random.nextInt(5) == 0) {
                out.add(request(random.nextBoolean() ? "OPTIONS" : "GET_PARAMETER", url, "Session: 1\r\n"));
            }
        }
        if (random.nextBoolean()) {
            out.add(request("TEARDOWN", url, "Session: 1\r\n" + authorization()));
        }
        return out;
    }

    private String authorization() {
        if (random.nextInt(3) == 0) {
            return "";
        }
        String h = "Digest username=\"gw\", realm=\"minewatch\", nonce=\"" + Long.toHexString(random.nextLong())
                + "\", uri=\"rtsp://127.0.0.1/cam\", response=\"" + Long.toHexString(random.nextLong()) + "\""
                + (random.nextBoolean() ? ", qop=auth, nc=00000001, cnonce=\"x\"" : "");
        String mutated = new String(mutate(h.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1)
                .replace('\r', ' ').replace('\n', ' ');
        return "Authorization: " + mutated + "\r\n";
    }

    private static byte[] request(String method, String uri, String headers) {
        return request(method, uri, headers, "");
    }

    private static byte[] request(String method, String uri, String headers, String body) {
        return (method + " " + uri + " RTSP/1.0\r\nCSeq: 2\r\n" + headers + "\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds in random chunks, as TCP would, checking the bound after each. */
    private void feed(EmbeddedChannel ch, byte[] bytes) {
        int i = 0;
        while (i < bytes.length && ch.isActive()) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(bytes.length));
            ch.writeInbound(alloc.copyOf(bytes, i, n));
            i += n;
            if (alloc.liveBytes() > BOUND && problems.size() < 3) {
                problems.add("pipeline holds " + alloc.liveBytes() + " bytes (bound " + BOUND + ")");
            }
        }
        drain(ch);
    }

    private static void drain(EmbeddedChannel ch) {
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ReferenceCountUtil.release(o);
        }
        while ((o = ch.readInbound()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    /** An H.264 RTP packet: key frame, non-key slice, SPS/PPS, STAP-A or FU-A, mostly well formed. */
    private byte[] rtpPacket(int seq) {
        byte[] p = new byte[12 + 1 + random.nextInt(400)];
        random.nextBytes(p);
        p[0] = (byte) 0x80;
        p[1] = (byte) ((random.nextInt(3) == 0 ? 0 : 0x80) | 96);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = 0;
        p[5] = 0;
        p[6] = (byte) (seq >> 8);
        p[7] = (byte) seq;
        int[] types = {0x65, 0x41, 0x67, 0x68, 0x18, 0x1c, 0x7c};
        p[12] = (byte) types[random.nextInt(types.length)];
        return random.nextInt(4) == 0 ? mutate(p) : p;
    }

    private byte[] mutate(byte[] in) {
        byte[] out = in.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                case 1 -> out = Arrays.copyOf(out, Math.max(1, random.nextInt(out.length + 1)));
                case 2 -> {
                    int at = random.nextInt(out.length);
                    byte[] ext = new byte[out.length + 1 + random.nextInt(20)];
                    System.arraycopy(out, 0, ext, 0, at);
                    String alphabet = "0123456789:;=\r\n$-, \"";
                    for (int k = at; k < at + ext.length - out.length; k++) {
                        ext[k] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                    }
                    System.arraycopy(out, at, ext, at + ext.length - out.length, out.length - at);
                    out = ext;
                }
                default -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
