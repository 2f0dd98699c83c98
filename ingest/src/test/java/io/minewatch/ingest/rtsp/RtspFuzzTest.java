package io.minewatch.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.NalDepacketizer;
import io.minewatch.ingest.rtp.RtpCounters;
import io.minewatch.ingest.rtp.VideoCodec;
import io.minewatch.ingest.testing.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated RTSP answers, SDP bodies and RTP packets (over 160,000 inputs in all, fixed
 * seeds so a failure replays): nothing escapes a connection as an exception, nothing hangs, and nothing
 * grows past its limit.
 *
 * <p>Everything is checked from the test thread, after the pipeline has run (issue 10: the old test
 * asserted inside the listener, where the handler's {@code exceptionCaught} swallowed the failure):
 * every buffer the channel allocated or was fed has been released ({@link TrackingAllocator}), the
 * bytes the pipeline holds stay under {@link #BOUND} after every write, and no connection ended with a
 * programming error (the session handler turns every throwable into its end reason, so the reasons are
 * what the test reads).
 */
class RtspFuzzTest {
    /** The most the RTSP client pipeline may hold at once: a header block and a body, with slack. */
    static final long BOUND = 512 * 1024;
    /** Exceptions that only a bug throws; a connection ending with one of these is a failure. */
    static final List<String> BUGS = List.of("NullPointerException", "IndexOutOfBoundsException",
            "IllegalArgumentException", "IllegalStateException", "ClassCastException", "ArithmeticException",
            "NegativeArraySizeException", "IllegalReferenceCountException", "UnsupportedOperationException",
            "ConcurrentModificationException", "AssertionError", "OutOfMemoryError", "StackOverflowError");

    private static final String SDP = """
            v=0\r
            o=- 1 1 IN IP4 127.0.0.1\r
            s=Session\r
            a=control:*\r
            m=audio 0 RTP/AVP 97\r
            a=rtpmap:97 MPEG4-GENERIC/48000/2\r
            m=video 0 RTP/AVP 96\r
            a=rtpmap:96 H264/90000\r
            a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAH+kC,aM44gA==\r
            a=control:stream=0\r
            """;
    private static final String[] ANSWERS = {
        "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN\r\n\r\n",
        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://127.0.0.1/cam/\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP,
        "RTSP/1.0 200 OK\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: abc;timeout=60\r\n\r\n",
        "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: abc\r\nRTP-Info: url=rtsp://127.0.0.1/cam/stream=0;seq=1;rtptime=0\r\n\r\n",
    };

    private final Random random = new Random(20261129);
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final List<String> problems = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();

    @Test
    void mutatedRtspConversations() {
        // 8,000 conversations of up to 4 answers and 8 RTP frames each (~60,000 inputs through the
        // whole pipeline under paranoid leak detection); with the SDP and RTP cases below, > 160,000.
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int i = 0; i < 8_000; i++) {
                conversation(i);
                assertEquals(List.of(), problems, "round " + i);
                assertEquals(List.of(), alloc.unreleased(), "round " + i + ": buffers not released");
                alloc.reset();
            }
        });
        assertTrue(alloc.allocated() > 50_000, "the allocator saw only " + alloc.allocated() + " buffers");
        assertTrue(endings.size() > 1_000, "few connections ended early: " + endings.size());
        for (String reason : endings) {
            for (String bug : BUGS) {
                assertFalse(reason.contains(bug), "a connection ended with a programming error: " + reason);
            }
        }
    }

    private void conversation(int round) {
        RtspClientHandler handler = new RtspClientHandler(url(), Transport.TCP, 10_000, new SessionListener() {
            @Override
            public void playing(String d) {
            }

            @Override
            public void data() {
            }

            @Override
            public void accessUnit(AccessUnit au) {
                if (au.size() > NalDepacketizer.MAX_ACCESS_UNIT) {
                    problems.add("access unit of " + au.size() + " bytes");
                }
            }

            @Override
            public void redirect(String location) {
            }

            @Override
            public void ended(String reason) {
                if (endings.size() < 100_000) {
                    endings.add(reason);
                }
            }
        }, RtpCounters.NONE, 1);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        RtspClientInitializer.addCodec(ch);
        ch.pipeline().addLast(handler);
        ch.pipeline().fireChannelActive();
        // Answer each step correctly until a random one, which is mutated; then random RTP.
        int broken = random.nextInt(ANSWERS.length + 1);
        for (int step = 0; step < ANSWERS.length && ch.isActive(); step++) {
            byte[] answer = ANSWERS[step].getBytes(StandardCharsets.ISO_8859_1);
            if (step == broken) {
                answer = round % 7 == 0 ? randomBytes(1 + random.nextInt(600)) : mutate(answer);
            }
            feed(ch, answer);
        }
        for (int k = 0; k < 8 && ch.isActive(); k++) {
            byte[] rtp = mutate(rtpPacket());
            ByteBuf frame = alloc.buffer().writeByte('$').writeByte(random.nextInt(3))
                    .writeShort(rtp.length).writeBytes(rtp);
            ch.writeInbound(frame);
            checkBound(ch);
        }
        ch.checkException();
        drain(ch);
        ch.finishAndReleaseAll();
    }

    /** Feeds in random chunks, as TCP would. */
    private void feed(EmbeddedChannel ch, byte[] bytes) {
        int i = 0;
        while (i < bytes.length && ch.isActive()) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(bytes.length));
            ch.writeInbound(alloc.copyOf(bytes, i, n));
            i += n;
            checkBound(ch);
        }
        ch.checkException();
        drain(ch);
    }

    private void checkBound(EmbeddedChannel ch) {
        if (alloc.liveBytes() > BOUND && problems.size() < 3) {
            problems.add("pipeline holds " + alloc.liveBytes() + " bytes (bound " + BOUND + ")");
        }
    }

    /**
     * Answers that never end, trickled in 4 KiB writes up to 2 MiB: a header line with no end, a body
     * longer than declared limits allow, interleaved frames announced but never completed, and a flood
     * of whole frames. The pipeline must hold no more than {@link #BOUND} at any point and release
     * everything once closed.
     */
    @Test
    void endlessAnswersTrickledInStayBounded() {
        List<byte[]> heads = List.of("RTSP/1.0 200 OK\r\nCSeq: 1\r\nX-Long: ".getBytes(StandardCharsets.ISO_8859_1),
                ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: " + InterleavedFrameDecoder.MAX_BODY + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {'$', 0, (byte) 0xff, (byte) 0xff},
                new byte[0]);
        for (int h = 0; h < heads.size(); h++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.config().setAllocator(alloc);
            RtspClientInitializer.addCodec(ch);
            ch.pipeline().addLast(new RtspClientHandler(url(), Transport.TCP, 10_000, new SessionListener() {
                @Override
                public void playing(String d) {
                }

                @Override
                public void data() {
                }

                @Override
                public void accessUnit(AccessUnit au) {
                }

                @Override
                public void redirect(String location) {
                }

                @Override
                public void ended(String reason) {
                    endings.add(reason);
                }
            }, RtpCounters.NONE, 1));
            ch.pipeline().fireChannelActive();
            drain(ch);
            ch.writeInbound(alloc.copyOf(heads.get(h), 0, heads.get(h).length));
            byte[] chunk = new byte[4096];
            for (int sent = 0; sent < 2 << 20 && ch.isActive(); sent += chunk.length) {
                if (h == 3) {
                    // whole frames on an unknown channel: each one passes and is released
                    chunk[0] = '$';
                    chunk[1] = 9;
                    chunk[2] = (byte) ((chunk.length - 4) >> 8);
                    chunk[3] = (byte) (chunk.length - 4);
                } else {
                    java.util.Arrays.fill(chunk, (byte) 'a');
                }
                ch.writeInbound(alloc.copyOf(chunk, 0, chunk.length));
                checkBound(ch);
                drain(ch);
            }
            ch.checkException();
            ch.finishAndReleaseAll();
            assertEquals(List.of(), problems, "stream " + h);
            assertEquals(List.of(), alloc.unreleased(), "stream " + h + ": buffers not released");
        }
        for (String reason : endings) {
            for (String bug : BUGS) {
                assertFalse(reason.contains(bug), "a connection ended with a programming error: " + reason);
            }
        }
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

    @Test
    void hugeDeclaredBodiesAndHeadersCloseTheConnectionWithoutBuffering() {
        for (String evil : List.of("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 2147483647\r\n\r\n",
                "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: -5\r\n\r\n",
                "RTSP/1.0 200 OK\r\nCSeq: 1\r\nX: " + "a".repeat(20_000))) {
            EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
            try {
                ch.writeInbound(Unpooled.copiedBuffer(evil, StandardCharsets.ISO_8859_1));
                ch.checkException();
                throw new AssertionError("accepted: " + evil.substring(0, 40));
            } catch (io.netty.handler.codec.DecoderException expected) {
                // refused before any body was buffered
                assertTrue(ch.inboundMessages().isEmpty(), "nothing passed on");
            }
            ch.close();
        }
    }

    @Test
    void mutatedSdpBodies() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            byte[] sdp = SDP.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 40_000; i++) {
                byte[] in = i % 5 == 0 ? randomBytes(random.nextInt(2000)) : mutate(sdp);
                try {
                    Sdp parsed = Sdp.parse(new String(in, StandardCharsets.UTF_8));
                    assertTrue(parsed.tracks().size() <= Sdp.MAX_TRACKS);
                    parsed.tracks().forEach(t -> {
                        t.parameterSets();
                        t.donl();
                        t.codec();
                    });
                } catch (RtspException expected) {
                    assertFalse(expected.getMessage().isEmpty());
                }
            }
            StringBuilder many = new StringBuilder("v=0\r\n");
            for (int i = 0; i < 100; i++) {
                many.append("m=video 0 RTP/AVP 96\r\n");
            }
            try {
                Sdp.parse(many.toString());
                throw new AssertionError("100 tracks accepted");
            } catch (RtspException expected) {
                // bounded
            }
        });
    }

    @Test
    void mutatedRtpPackets() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            long[] units = new long[1];
            for (VideoCodec codec : VideoCodec.values()) {
                NalDepacketizer d = NalDepacketizer.create(codec, 96, 90_000, List.of(), random.nextBoolean(), 1,
                        au -> {
                            assertTrue(au.size() <= NalDepacketizer.MAX_ACCESS_UNIT);
                            units[0]++;
                        }, RtpCounters.NONE);
                for (int i = 0; i < 30_000; i++) {
                    byte[] p = i % 4 == 0 ? randomBytes(random.nextInt(1500)) : mutate(rtpPacket());
                    ByteBuf b = Unpooled.wrappedBuffer(p);
                    if (i % 50 == 0) {
                        d.rtcp(b);
                    } else {
                        d.rtp(b, 0);
                    }
                }
            }
            assertTrue(units[0] > 0, "some mutated packets still make access units");
        });
    }

    private byte[] rtpPacket() {
        int n = 12 + 1 + random.nextInt(300);
        byte[] p = new byte[n];
        random.nextBytes(p);
        p[0] = (byte) 0x80;
        p[1] = (byte) ((random.nextBoolean() ? 0x80 : 0) | 96);
        int[] types = {0x65, 0x41, 0x67, 0x68, 0x18, 0x1c, 0x7c, 0x26, 0x60, 0x62};
        p[12] = (byte) types[random.nextInt(types.length)];
        return p;
    }

    private byte[] mutate(byte[] in) {
        byte[] out = in.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, Math.max(1, random.nextInt(out.length + 1)));
                case 2 -> {
                    int at = random.nextInt(out.length);
                    byte[] ext = new byte[out.length + 1 + random.nextInt(20)];
                    System.arraycopy(out, 0, ext, 0, at);
                    for (int k = at; k < at + ext.length - out.length; k++) {
                        String alphabet = "0123456789:;=\r\n$-, ";
                        ext[k] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                    }
                    System.arraycopy(out, at, ext, at + ext.length - out.length, out.length - at);
                    out = ext;
                }
                default -> {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
        }
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static RtspUrl url() {
        try {
            return RtspUrl.parse("rtsp://user:pass@127.0.0.1:8554/cam");
        } catch (RtspException e) {
            throw new IllegalStateException(e);
        }
    }
}
