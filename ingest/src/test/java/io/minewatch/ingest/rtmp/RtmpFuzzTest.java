package io.minewatch.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.push.AuthThrottle;
import io.minewatch.ingest.push.PushLimits;
import io.minewatch.ingest.push.PushedCamera;
import io.minewatch.ingest.testing.TrackingAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated publish conversations (handshakes with wrong versions or cut short, Set Chunk Size
 * from 1 byte up, commands, metadata, sequence headers, pictures on chunk streams of every id width,
 * extended timestamps, declared lengths far past what follows, random bytes, bit flips, cuts) through
 * the server's real pipeline, fixed seed so a failure replays. Checked from the test thread after every
 * conversation: every buffer released ({@link TrackingAllocator}), the pipeline never holding more than
 * {@link #BOUND} while it runs, no unexpected failure ({@code ingest.rtmp.errors} stays 0: the handler's
 * failure sorter counts anything but I/O and decoder errors), no connection left counted by the
 * limiter, the ring within its bound; unbroken conversations do deliver pictures, and none gets past
 * the credentials of the guarded server without them.
 */
class RtmpFuzzTest {
    static final long BOUND = 1 << 20;

    private final Random random = new Random(20261130);
    private final TrackingAllocator alloc = new TrackingAllocator();
    /** Whether the script being played carries the guarded server's credentials. */
    private boolean rightCredentials;
    private PushedCamera locked;

    @Test
    void mutatedPublishConversations() {
        PushLimits limits = new PushLimits(3, Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofMinutes(10), Duration.ofSeconds(3));
        try (RtmpServer anonymous = new RtmpServer(new RtmpConfig("127.0.0.1", 0, null, null),
                new SimpleMeterRegistry(), limits);
             // No throttle delay here: a delayed publish would make the scripts (which do not wait for
             // answers) close as pipelined, depending on this machine's speed. RtmpAuthAttackTest attacks
             // the delays over real sockets.
             RtmpServer guarded = new RtmpServer(new RtmpConfig("127.0.0.1", 0, "drone", "pw"),
                     new SimpleMeterRegistry(), new PushLimits(3, Duration.ofSeconds(60), Duration.ZERO,
                     Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(3)))) {
            PushedCamera open = anonymous.add("cam", IngestSettings.DEFAULTS, e -> { });
            locked = guarded.add("cam", IngestSettings.DEFAULTS, e -> { });
            RtmpContext anon = anonymous.context();
            RtmpContext auth = guarded.context();
            assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                for (int i = 0; i < 2_000; i++) {
                    conversation(i % 3 == 2 ? auth : anon, i);
                    assertEquals(List.of(), alloc.unreleased(), "round " + i + ": buffers not released");
                    alloc.reset();
                }
            });
            assertEquals(0, anonymous.metrics().count("ingest.rtmp.errors", null), "unexpected failures");
            assertEquals(0, guarded.metrics().count("ingest.rtmp.errors", null), "unexpected failures");
            assertTrue(open.metrics().accessUnits() > 1_000, "few access units: " + open.metrics().accessUnits());
            assertTrue(anonymous.metrics().count("ingest.rtmp.closed", "corrupt") > 300,
                    "corrupt input closed only " + anonymous.metrics().count("ingest.rtmp.closed", "corrupt") + " times");
            assertTrue(locked.metrics().accessUnits() > 100, "the right credentials never got in");
            double refused = guarded.metrics().count("ingest.rtmp.auth.refused", "wrong_credentials")
                    + guarded.metrics().count("ingest.rtmp.auth.refused", "no_credentials");
            assertTrue(refused > 100, "only " + refused + " publishes refused");
            assertTrue(open.ring().bytes() <= IngestSettings.DEFAULTS.ringBytes());
            assertTrue(guarded.throttle().size() <= AuthThrottle.MAX_ADDRESSES);
            assertEquals(0, anonymous.limiter().open() + guarded.limiter().open(), "connections still counted");
            assertTrue(alloc.allocated() > 20_000, "the allocator saw only " + alloc.allocated() + " buffers");
        }
    }

    private void conversation(RtmpContext context, int round) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                c.config().setAllocator(alloc);
                RtmpServer.pipeline(c, context);
            }
        });
        boolean guarded = context.config().requiresAuth();
        List<byte[]> steps = script(guarded);
        long before = locked.metrics().accessUnits();
        int broken = random.nextInt(steps.size() + 3);
        for (int s = 0; s < steps.size() && ch.isActive(); s++) {
            byte[] step = steps.get(s);
            if (s == broken) {
                step = switch (round % 5) {
                    case 0 -> randomBytes(1 + random.nextInt(900));
                    case 1 -> hugeMessage();
                    default -> mutate(step);
                };
            }
            feed(ch, step);
            if (alloc.liveBytes() > BOUND) {
                throw new AssertionError("round " + round + ": the pipeline holds " + alloc.liveBytes() + " bytes");
            }
            if (random.nextInt(6) == 0) {
                ch.advanceTimeBy(1, TimeUnit.SECONDS);
                ch.runScheduledPendingTasks();
            }
            drain(ch);
        }
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();
        drain(ch);
        ch.finishAndReleaseAll();
        if (guarded && !rightCredentials) {
            assertEquals(before, locked.metrics().accessUnits(), "round " + round + ": media got past the credentials");
        }
    }

    /** A publish, sometimes with the right credentials, with random chunk sizes, ids and timestamps. */
    private List<byte[]> script(boolean guarded) {
        RtmpTestWriter w = new RtmpTestWriter();
        List<byte[]> out = new ArrayList<>();
        byte[] hs = RtmpTestWriter.handshake(random);
        int cut = random.nextInt(hs.length);
        out.add(java.util.Arrays.copyOf(hs, cut));
        out.add(java.util.Arrays.copyOfRange(hs, cut, hs.length));
        if (random.nextBoolean()) {
            out.add(w.setChunkSize(random.nextInt(4) == 0 ? 1 + random.nextInt(16) : 64 + random.nextInt(8000)));
        }
        out.add(w.command(3, 0, "connect", 1.0, Map.of("app", "live", "tcUrl", "rtmp://h/live")));
        out.add(w.message(2, RtmpMessage.WINDOW_ACK_SIZE, 0, 0, new byte[] {0, 0, (byte) random.nextInt(8), 1}));
        out.add(w.command(3, 0, "releaseStream", 2.0, null, "cam"));
        out.add(w.command(3, 0, "createStream", 3.0, null));
        rightCredentials = random.nextInt(3) == 0;
        String creds = !guarded ? "" : rightCredentials ? "?user=drone&pass=pw"
                : random.nextBoolean() ? "?user=drone&pass=x" + random.nextInt(9) : "";
        out.add(w.command(8, 1, "publish", 4.0, null, "cam" + creds, "live"));
        out.add(w.command(8, 1, "@setDataFrame", "onMetaData", Map.of("videocodecid", 7.0, "width", 320.0)));
        int csid = switch (random.nextInt(3)) {
            case 0 -> 4 + random.nextInt(60);
            case 1 -> 64 + random.nextInt(256);
            default -> 320 + random.nextInt(60000);
        };
        long ts = random.nextBoolean() ? random.nextInt(1000) : 0xFFFFFFL - 100 + random.nextInt(200);
        out.add(w.message(csid, RtmpMessage.VIDEO, 1, ts, RtmpTestWriter.sequenceHeader()));
        int n = 3 + random.nextInt(8);
        for (int k = 0; k < n; k++) {
            out.add(w.message(csid, RtmpMessage.VIDEO, 1, ts + 40L * k,
                    RtmpTestWriter.picture(k % 5 == 0, 20 + random.nextInt(2000), random.nextInt(120), random)));
            if (random.nextInt(5) == 0) {
                out.add(w.message(csid + 1, RtmpMessage.AUDIO, 1, ts + 40L * k, new byte[] {(byte) 0xAF, 1, 2, 3}));
            }
            if (random.nextInt(8) == 0) {
                out.add(w.message(2, RtmpMessage.USER_CONTROL, 0, 0, new byte[] {0, 6, 0, 0, 1, 2}));
            }
        }
        out.add(w.command(3, 0, "FCUnpublish", 5.0, null, "cam"));
        out.add(w.command(3, 0, "deleteStream", 6.0, null, 1.0));
        return out;
    }

    /** A message header declaring up to the limit and beyond, then a little of it. */
    private byte[] hugeMessage() {
        int length = random.nextBoolean() ? RtmpChunkDecoder.MAX_MESSAGE - random.nextInt(1000)
                : 0xFFFFFF - random.nextInt(1000);
        byte[] b = new byte[12 + random.nextInt(3000)];
        random.nextBytes(b);
        b[0] = (byte) (4 + random.nextInt(50));
        b[4] = (byte) (length >>> 16);
        b[5] = (byte) (length >>> 8);
        b[6] = (byte) length;
        b[7] = RtmpMessage.VIDEO;
        return b;
    }

    private byte[] mutate(byte[] step) {
        byte[] b = step.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(6) && b.length > 0; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            case 2 -> {
                if (b.length > 0) {
                    b[0] = (byte) random.nextInt(256);
                }
            }
            default -> {
                byte[] extra = randomBytes(1 + random.nextInt(64));
                byte[] c = new byte[b.length + extra.length];
                int at = b.length == 0 ? 0 : random.nextInt(b.length);
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(extra, 0, c, at, extra.length);
                System.arraycopy(b, at, c, at + extra.length, b.length - at);
                b = c;
            }
        }
        return b;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private void feed(EmbeddedChannel ch, byte[] bytes) {
        int at = 0;
        while (at < bytes.length && ch.isActive()) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(1500));
            ch.writeInbound(alloc.copyOf(bytes, at, n));
            at += n;
        }
    }

    private static void drain(EmbeddedChannel ch) {
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
    }
}
