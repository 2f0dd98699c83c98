package io.minewatch.ingest.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtsp.InterleavedFrame;
import io.minewatch.ingest.rtsp.InterleavedFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H.264 and H.265 depacketizing with hand-built RTP packets, fed as {@code $}-interleaved frames
 * through an {@link EmbeddedChannel} ({@link InterleavedFrameDecoder} + a handler that routes to the
 * depacketizer), as on a live connection.
 */
class DepacketizerTest {
    private static final byte[] SPS = {0x67, 0x42, 0x00, 0x1f, (byte) 0xe9};
    private static final byte[] PPS = {0x68, (byte) 0xce, 0x38, (byte) 0x80};
    private static final byte[] IDR = {0x65, (byte) 0x88, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
    private static final byte[] P1 = {0x41, (byte) 0x9a, 0x11, 0x12};

    private final List<AccessUnit> out = new ArrayList<>();
    private final Map<String, Integer> drops = new HashMap<>();
    private int gaps;
    private int late;
    private final RtpCounters counters = new RtpCounters() {
        @Override
        public void sequenceGap(int lost) {
            gaps++;
        }

        @Override
        public void lateOrDuplicate() {
            late++;
        }

        @Override
        public void dropped(String reason) {
            drops.merge(reason, 1, Integer::sum);
        }
    };
    private EmbeddedChannel channel;
    private NalDepacketizer depacketizer;
    private int seq = 100;

    @BeforeEach
    void setUp() {
        h264(List.of(SPS, PPS));
    }

    private void h264(List<byte[]> sprop) {
        NalDepacketizer d = NalDepacketizer.create(VideoCodec.H264, 96, 90_000, sprop, false, 1, out::add, counters);
        depacketizer = d;
        channel = channel(d);
    }

    private void h265(List<byte[]> sprop) {
        NalDepacketizer d = NalDepacketizer.create(VideoCodec.H265, 96, 90_000, sprop, false, 1, out::add, counters);
        channel = channel(d);
    }

    private static EmbeddedChannel channel(NalDepacketizer d) {
        return new EmbeddedChannel(new InterleavedFrameDecoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    InterleavedFrame f = (InterleavedFrame) msg;
                    if (f.channel() == 0) {
                        d.rtp(f.content(), 1_000_000L);
                    } else {
                        d.rtcp(f.content());
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
    }

    // ---- packet building

    private void send(int sequence, long ts, boolean marker, byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte('$').writeByte(0).writeShort(12 + payload.length);
        b.writeByte(0x80).writeByte((marker ? 0x80 : 0) | 96).writeShort(sequence & 0xFFFF)
                .writeInt((int) ts).writeInt(0x1234);
        b.writeBytes(payload);
        channel.writeInbound(b);
    }

    private void send(long ts, boolean marker, byte[] payload) {
        send(seq++, ts, marker, payload);
    }

    private static byte[] stapA(byte[]... nals) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x18);
        for (byte[] n : nals) {
            o.write(n.length >> 8);
            o.write(n.length);
            o.writeBytes(n);
        }
        return o.toByteArray();
    }

    /** FU-A fragments of a NAL: {start, middle..., end}. */
    private static List<byte[]> fuA(byte[] nal, int pieces) {
        List<byte[]> out = new ArrayList<>();
        int body = nal.length - 1;
        int step = (body + pieces - 1) / pieces;
        for (int i = 0, off = 1; off < nal.length; i++, off += step) {
            int n = Math.min(step, nal.length - off);
            byte[] p = new byte[2 + n];
            p[0] = (byte) ((nal[0] & 0xE0) | 28);
            p[1] = (byte) ((nal[0] & 0x1F) | (off == 1 ? 0x80 : 0) | (off + n >= nal.length ? 0x40 : 0));
            System.arraycopy(nal, off, p, 2, n);
            out.add(p);
        }
        return out;
    }

    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            o.writeBytes(new byte[] {0, 0, 0, 1});
            o.writeBytes(n);
        }
        return o.toByteArray();
    }

    private static byte[] bigIdr() {
        byte[] b = new byte[3000];
        b[0] = 0x65;
        for (int i = 1; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    // ---- H.264

    @Test
    void singleNalUnitsMakeAnAccessUnitPerTimestamp() {
        send(1000, false, SPS);
        send(1000, false, PPS);
        send(1000, true, IDR);
        send(4000, true, P1);
        assertEquals(2, out.size());
        assertArrayEquals(annexB(SPS, PPS, IDR), out.get(0).data());
        assertTrue(out.get(0).keyFrame());
        assertArrayEquals(annexB(P1), out.get(1).data());
        assertFalse(out.get(1).keyFrame());
        assertEquals(0, out.get(0).ptsMicros());
        assertEquals(33_333, out.get(1).ptsMicros());
    }

    @Test
    void parameterSetsFromTheSdpGoBeforeAKeyFrameThatLacksThem() {
        send(1000, true, IDR);
        assertArrayEquals(annexB(SPS, PPS, IDR), out.get(0).data());
    }

    @Test
    void parameterSetsGoAfterAnAccessUnitDelimiter() {
        byte[] aud = {0x09, (byte) 0xf0};
        send(1000, false, aud);
        send(1000, true, IDR);
        assertArrayEquals(annexB(aud, SPS, PPS, IDR), out.get(0).data());
    }

    @Test
    void inBandParameterSetsReplaceTheSdpOnes() {
        byte[] sps2 = {0x67, 0x64, 0x00, 0x28};
        send(1000, true, stapA(sps2, PPS, IDR));
        send(2000, true, IDR);
        assertArrayEquals(annexB(sps2, PPS, IDR), out.get(0).data());
        assertArrayEquals(annexB(sps2, PPS, IDR), out.get(1).data());
    }

    @Test
    void stapAUnpacksEveryNal() {
        send(1000, true, stapA(SPS, PPS, IDR));
        assertEquals(1, out.size());
        assertArrayEquals(annexB(SPS, PPS, IDR), out.get(0).data());
    }

    @Test
    void stapAWithATruncatedNalDropsTheAccessUnitAndDamagesTheStream() {
        byte[] stap = stapA(SPS, PPS, IDR);
        byte[] truncated = java.util.Arrays.copyOf(stap, stap.length - 3);
        send(1000, true, truncated);
        send(4000, true, P1);
        assertTrue(out.isEmpty(), "nothing decodable until the next key frame: " + out);
        assertEquals(1, drops.get(RtpCounters.MALFORMED));
        assertEquals(1, drops.get(RtpCounters.DAMAGED));
        send(7000, true, IDR);
        assertEquals(1, out.size());
        assertTrue(out.get(0).keyFrame());
    }

    @Test
    void fuAReassemblesAFragmentedNal() {
        byte[] idr = bigIdr();
        List<byte[]> frags = fuA(idr, 4);
        for (int i = 0; i < frags.size(); i++) {
            send(1000, i == frags.size() - 1, frags.get(i));
        }
        assertEquals(1, out.size());
        assertArrayEquals(annexB(SPS, PPS, idr), out.get(0).data());
    }

    @Test
    void fuAWithALostMiddleFragmentDropsTheAccessUnitUntilTheNextKeyFrame() {
        List<byte[]> frags = fuA(bigIdr(), 4);
        send(1000, false, frags.get(0));
        send(1000, false, frags.get(1));
        seq++; // fragment 2 lost
        send(1000, true, frags.get(3));
        send(4000, true, P1);
        send(7000, true, P1);
        assertTrue(out.isEmpty(), "the broken key frame and what depends on it are dropped: " + out);
        assertEquals(1, gaps);
        assertEquals(1, drops.get(RtpCounters.SEQ_GAP));
        assertEquals(2, drops.get(RtpCounters.DAMAGED));
        send(10_000, true, IDR);
        send(13_000, true, P1);
        assertEquals(2, out.size());
        assertTrue(out.get(0).keyFrame());
    }

    @Test
    void fuAWithoutItsStartIsMalformed() {
        List<byte[]> frags = fuA(bigIdr(), 3);
        send(1000, false, frags.get(1));
        send(1000, true, frags.get(2));
        assertTrue(out.isEmpty());
        assertEquals(1, drops.get(RtpCounters.MALFORMED));
    }

    @Test
    void duplicateAndLatePacketsAreDiscardedAndCounted() {
        send(100, 1000, false, SPS);
        send(101, 1000, false, PPS);
        send(101, 1000, false, PPS); // duplicate
        send(102, 1000, true, IDR);
        send(100, 1000, true, IDR); // late, from before
        send(103, 4000, true, P1);
        assertEquals(2, out.size());
        assertArrayEquals(annexB(SPS, PPS, IDR), out.get(0).data());
        assertEquals(2, late);
        assertEquals(0, gaps);
    }

    /**
     * Regression: PLAY's RTP-Info seq was taken as the next sequence number expected. GStreamer's
     * shared media announces the last packet it sent, so the first packet received (N+1) counted as a
     * gap, damaged the stream and dropped every access unit until the next key frame (9.8 s blind with a
     * 10-s GOP on every connect). The sequence now starts at the first packet received.
     */
    @Test
    void rtpInfoSeqIsAHintAndTheFirstPacketReceivedStartsTheSequence() {
        depacketizer.expectSequence(500);
        send(501, 4000, true, P1); // joined mid-GOP: the first packet is not the one announced
        send(502, 7000, true, P1);
        send(503, 10000, true, P1);
        assertEquals(0, gaps, "no gap before the first packet received");
        assertEquals(3, out.size(), "no access unit dropped before the first key frame");
        assertTrue(drops.isEmpty(), "drops: " + drops);
        assertEquals(500, depacketizer.sequenceHint());
    }

    @Test
    void firstPacketBeforeTheAnnouncedSeqIsNoGapEither() {
        depacketizer.expectSequence(600);
        send(598, 1000, true, IDR);
        send(599, 4000, true, P1);
        send(601, 7000, true, P1); // 600 really lost: a gap between packets received
        assertEquals(1, gaps);
        assertEquals(2, out.size());
    }

    @Test
    void outOfOrderPacketsAreAGapThenLate() {
        send(100, 1000, true, IDR);
        send(102, 4000, true, P1); // 101 not yet here: a gap
        send(101, 4000, true, P1); // arrives late: discarded
        send(103, 7000, true, P1);
        assertEquals(1, out.size(), "only the key frame before the gap survives");
        assertEquals(1, gaps);
        assertEquals(1, late);
    }

    @Test
    void sequenceAndTimestampWrapAroundAreContinuous() {
        long ts = 0xFFFF_FFFFL - 1500;
        send(65534, ts, true, IDR);
        send(65535, ts + 3000, true, P1);
        send(0, ts + 6000, true, P1);
        send(1, ts + 9000, true, P1);
        assertEquals(4, out.size());
        assertEquals(0, gaps);
        assertEquals(100_000, out.get(3).ptsMicros(), "timestamps keep rising across the 32-bit wrap");
        assertTrue(out.get(3).rtpTimestamp() > 0xFFFF_FFFFL);
    }

    @Test
    void accessUnitEndsAtATimestampChangeWithoutMarker() {
        send(1000, false, IDR);
        send(4000, false, P1);
        send(7000, true, P1);
        assertEquals(3, out.size());
    }

    @Test
    void unsupportedPacketizationIsDroppedAndCounted() {
        send(1000, true, new byte[] {0x19, 0, 0}); // STAP-B
        assertTrue(out.isEmpty());
        assertEquals(1, drops.get(RtpCounters.UNSUPPORTED));
    }

    @Test
    void senderReportMapsRtpTimeToWallClock() {
        ByteBuf sr = Unpooled.buffer();
        long ntpSeconds = 2_208_988_800L + 1_700_000_000L;
        sr.writeByte('$').writeByte(1).writeShort(28);
        sr.writeByte(0x80).writeByte(200).writeShort(6).writeInt(0x1234)
                .writeInt((int) ntpSeconds).writeInt(0x8000_0000).writeInt(1000).writeInt(0).writeInt(0);
        channel.writeInbound(sr);
        send(1000 + 90_000, true, IDR);
        assertEquals(1_700_000_001_500_000L, out.get(0).wallMicros());
    }

    // ---- H.265

    private static final byte[] VPS5 = {0x40, 0x01, 0x0c, 0x01};
    private static final byte[] SPS5 = {0x42, 0x01, 0x01, 0x01};
    private static final byte[] PPS5 = {0x44, 0x01, (byte) 0xc1, 0x72};
    private static final byte[] IDR5 = {0x26, 0x01, (byte) 0xaf, 0x01, 0x02, 0x03, 0x04, 0x05};
    private static final byte[] TRAIL5 = {0x02, 0x01, (byte) 0xd0, 0x09};

    @Test
    void h265SingleNalsAndParameterSets() {
        h265(List.of(VPS5, SPS5, PPS5));
        send(1000, true, IDR5);
        send(4000, true, TRAIL5);
        assertEquals(2, out.size());
        assertArrayEquals(annexB(VPS5, SPS5, PPS5, IDR5), out.get(0).data());
        assertTrue(out.get(0).keyFrame());
        assertEquals(VideoCodec.H265, out.get(0).codec());
        assertFalse(out.get(1).keyFrame());
    }

    @Test
    void h265AggregationPacket() {
        h265(List.of());
        ByteArrayOutputStream ap = new ByteArrayOutputStream();
        ap.write(48 << 1);
        ap.write(1);
        for (byte[] n : List.of(VPS5, SPS5, PPS5, IDR5)) {
            ap.write(n.length >> 8);
            ap.write(n.length);
            ap.writeBytes(n);
        }
        send(1000, true, ap.toByteArray());
        assertArrayEquals(annexB(VPS5, SPS5, PPS5, IDR5), out.get(0).data());
    }

    @Test
    void h265FragmentationUnitsAndALostOne() {
        h265(List.of(VPS5, SPS5, PPS5));
        byte[] idr = new byte[2000];
        idr[0] = 0x26;
        idr[1] = 0x01;
        for (int i = 2; i < idr.length; i++) {
            idr[i] = (byte) (i + 3);
        }
        List<byte[]> frags = new ArrayList<>();
        for (int off = 2; off < idr.length; off += 700) {
            int n = Math.min(700, idr.length - off);
            byte[] p = new byte[3 + n];
            p[0] = (byte) (49 << 1);
            p[1] = 1;
            p[2] = (byte) (19 | (off == 2 ? 0x80 : 0) | (off + n >= idr.length ? 0x40 : 0));
            System.arraycopy(idr, off, p, 3, n);
            frags.add(p);
        }
        for (int i = 0; i < frags.size(); i++) {
            send(1000, i == frags.size() - 1, frags.get(i));
        }
        assertArrayEquals(annexB(VPS5, SPS5, PPS5, idr), out.get(0).data());
        send(4000, false, frags.get(0));
        seq++;
        send(4000, true, frags.get(2));
        assertEquals(1, out.size());
        assertEquals(1, gaps);
    }

    @Test
    void oversizedAccessUnitIsDropped() {
        NalDepacketizer d = new H264Depacketizer(96, 90_000, List.of(), 1, out::add, counters, 1024);
        channel = channel(d);
        List<byte[]> frags = fuA(bigIdr(), 3);
        for (int i = 0; i < frags.size(); i++) {
            send(1000, i == frags.size() - 1, frags.get(i));
        }
        assertTrue(out.isEmpty());
        assertEquals(1, drops.get(RtpCounters.TOO_LARGE));
    }
}
