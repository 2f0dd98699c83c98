package io.minewatch.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.push.PushedCamera;
import io.minewatch.ingest.rtp.AccessUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A whole publish through the server's real pipeline, byte by byte as a publisher sends it, with every
 * chunk header type (0 to 3), 1-, 2- and 3-byte chunk stream ids, extended timestamps (on continuation
 * chunks too), a Set Chunk Size, and a Window Acknowledgement Size that the server must acknowledge.
 * The server's answers are read back with the chunk decoder: connect's {@code _result}
 * (NetConnection.Connect.Success), createStream's stream id, onStatus NetStream.Publish.Start; the
 * access units in the ring carry the pictures' bytes with start codes, SPS/PPS in front of the key frame,
 * and presentation times from decode time + composition time. A non-H.264 stream is refused naming its codec.
 */
class RtmpConversationTest {
    private final Random random = new Random(7);

    @Test
    void aPublishWithEveryHeaderTypeReachesTheRing() {
        try (RtmpServer server = new RtmpServer(new RtmpConfig("127.0.0.1", 0, null, null), new SimpleMeterRegistry())) {
            PushedCamera cam = server.add("cam", IngestSettings.DEFAULTS, e -> { });
            EmbeddedChannel ch = channel(server.context());
            byte[] hs = RtmpTestWriter.handshake(random);
            ch.writeInbound(Unpooled.wrappedBuffer(hs));
            byte[] answer = outbound(ch);
            assertEquals(1 + 2 * 1536, answer.length, "S0+S1+S2");
            assertEquals(3, answer[0]);
            assertArrayEquals(Arrays.copyOfRange(hs, 1, 1537), Arrays.copyOfRange(answer, 1537, 3073), "S2 echoes C1");

            RtmpTestWriter w = new RtmpTestWriter();
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            in.writeBytes(w.command(3, 0, "connect", 1.0, Map.of("app", "live", "type", "nonprivate",
                    "flashVer", "FMLE/3.0 (compatible; test)", "tcUrl", "rtmp://127.0.0.1:1935/live",
                    "swfUrl", "rtmp://127.0.0.1:1935/live/with/a/long/url/to/pass/one/hundred/and/twenty/eight/bytes")));
            in.writeBytes(w.setChunkSize(60));
            in.writeBytes(w.message(2, RtmpMessage.WINDOW_ACK_SIZE, 0, 0, new byte[] {0, 0, 4, 0})); // 1024
            in.writeBytes(w.command(3, 0, "releaseStream", 2.0, null, "cam"));
            in.writeBytes(w.command(3, 0, "FCPublish", 3.0, null, "cam"));
            in.writeBytes(w.command(3, 0, "createStream", 4.0, null));
            in.writeBytes(w.command(8, 1, "publish", 5.0, null, "cam", "live"));
            feed(ch, in.toByteArray());
            List<RtmpMessage> replies = decode(outbound(ch));
            assertEquals("NetConnection.Connect.Success", info(replies, "_result", 1.0).get("code"));
            assertEquals(1.0, values(replies, "_result", 4.0).get(3), "createStream's stream id");
            assertEquals("NetStream.Publish.Start", info(replies, "onStatus", 0.0).get("code"));
            replies.forEach(RtmpMessage::release);

            // Video: 2-byte csid 300, then 3-byte csid 400 with extended timestamps.
            long base = 0xFFFFF0L;
            List<byte[]> pictures = new ArrayList<>();
            in.reset();
            in.writeBytes(w.message(300, RtmpMessage.VIDEO, 1, base, RtmpTestWriter.sequenceHeader()));
            for (int k = 0; k < 6; k++) {
                byte[] p = RtmpTestWriter.picture(k == 0, k == 3 ? 150 : 100, k == 0 ? 80 : 40, random);
                pictures.add(p);
                in.writeBytes(w.message(300, RtmpMessage.VIDEO, 1, base + 40L * k, p));
            }
            for (int k = 0; k < 3; k++) {
                byte[] p = RtmpTestWriter.picture(false, 130, 0, random);
                pictures.add(p);
                in.writeBytes(w.message(400, RtmpMessage.VIDEO, 1, 0x1000000L + 40L * k + 200, p));
            }
            feed(ch, in.toByteArray());
            byte[] acks = outbound(ch);
            assertTrue(indexOf(acks, new byte[] {2, 0, 0, 0, 0, 0, 4, 3}) >= 0, "an Acknowledgement after 1024 bytes");

            AccessUnit[] aus = cam.ring().snapshot();
            assertEquals(9, aus.length, Arrays.toString(aus));
            assertTrue(aus[0].keyFrame());
            byte[] sps = {0x67, 0x42, 0x00, 0x1e, (byte) 0x95, (byte) 0xa8, 0x28, 0x0f};
            byte[] pps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
            ByteArrayOutputStream key = new ByteArrayOutputStream();
            key.writeBytes(new byte[] {0, 0, 0, 1});
            key.writeBytes(sps);
            key.writeBytes(new byte[] {0, 0, 0, 1});
            key.writeBytes(pps);
            key.writeBytes(new byte[] {0, 0, 0, 1});
            key.writeBytes(Arrays.copyOfRange(pictures.get(0), 9, pictures.get(0).length));
            assertArrayEquals(key.toByteArray(), aus[0].data(), "key frame: SPS, PPS, then the slice");
            for (int k = 1; k < 9; k++) {
                byte[] p = pictures.get(k);
                assertArrayEquals(Arrays.copyOfRange(p, 9, p.length), Arrays.copyOfRange(aus[k].data(), 4, aus[k].size()));
                assertFalse(aus[k].keyFrame());
            }
            // pts = dts + cts, from the first access unit (dts base, cts 80 ms)
            assertEquals(0, aus[0].ptsMicros());
            assertEquals((40 + 40 - 80) * 1000L, aus[1].ptsMicros());
            assertEquals((0x1000000L + 200 - base - 80) * 1000L, aus[6].ptsMicros(), "extended timestamps");
            assertEquals((0x1000000L + 280 - base - 80) * 1000L, aus[8].ptsMicros());
            assertEquals((base + 80) * 90, aus[0].rtpTimestamp(), "90 kHz");

            // Sorenson H.263 is refused, naming it.
            feed(ch, w.message(300, RtmpMessage.VIDEO, 1, base + 2000, new byte[] {0x22, 0, 0, 0, 0}));
            List<RtmpMessage> refusal = decode(outbound(ch));
            Map<?, ?> status = info(refusal, "onStatus", 0.0);
            assertEquals("error", status.get("level"));
            assertTrue(status.get("description").toString().contains("Sorenson H.263 (FLV codec id 2) is not accepted"),
                    status.toString());
            refusal.forEach(RtmpMessage::release);
            assertFalse(ch.isActive(), "closed after the refusal");
            assertEquals(1.0, server.metrics().count("ingest.rtmp.closed", "unsupported_codec"));
            ch.finishAndReleaseAll();
        }
    }

    static EmbeddedChannel channel(RtmpContext context) {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                RtmpServer.pipeline(c, context);
            }
        });
    }

    /** Feeds bytes in random slices, as TCP may deliver them. */
    private void feed(EmbeddedChannel ch, byte[] bytes) {
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
    }

    static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            b.release();
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** The server's messages, read back with the chunk decoder (control messages it consumes are not listed). */
    private static List<RtmpMessage> decode(byte[] bytes) {
        EmbeddedChannel reader = new EmbeddedChannel(new RtmpChunkDecoder());
        reader.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<RtmpMessage> out = new ArrayList<>();
        for (Object o; (o = reader.readInbound()) != null; ) {
            out.add((RtmpMessage) o);
        }
        reader.finishAndReleaseAll();
        return out;
    }

    private static List<Object> values(List<RtmpMessage> messages, String name, double txid) {
        for (RtmpMessage m : messages) {
            if (m.type() == RtmpMessage.COMMAND_AMF0) {
                List<Object> v = Amf0.readAll(m.content().duplicate());
                if (v.get(0).equals(name) && v.get(1).equals(txid)) {
                    return v;
                }
            }
        }
        throw new AssertionError("no " + name + " " + txid + " in " + messages);
    }

    private static Map<?, ?> info(List<RtmpMessage> messages, String name, double txid) {
        return (Map<?, ?>) values(messages, name, txid).get(3);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
