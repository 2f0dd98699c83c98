package io.minewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts the NAL units of one RTP video stream back together into access units (H.264 and H.265
 * share everything here but the payload formats).
 *
 * <p>Packets must arrive in sequence order (TCP interleaving guarantees it; over UDP a late or
 * duplicate packet is discarded and counted). The sequence starts at the first packet received, and a
 * gap is counted only between two packets actually received. A sequence gap drops the access unit in progress and
 * the one the next packet belongs to, and marks the stream damaged: access units are dropped until
 * the next key frame, so a decoder never sees a picture whose references are missing. Every drop is
 * counted by reason. Key frames go out with the latest parameter sets (from the SDP or in-band) in
 * front when they lack them.
 *
 * <p>Not thread-safe: one per track, used on the connection's event loop. The access unit's bytes are
 * copied out of Netty's buffers here, once.
 */
public abstract class NalDepacketizer {
    /** The largest access unit accepted (a 4K key frame is well under this). */
    public static final int MAX_ACCESS_UNIT = 8 << 20;
    /** The largest parameter set kept. */
    static final int MAX_PARAMETER_SET = 4096;
    private static final byte[] START = {0, 0, 0, 1};

    /** NAL unit roles that matter to assembly. */
    enum Role { KEY, VPS, SPS, PPS, AUD, OTHER }

    private final VideoCodec codec;
    private final int payloadType;
    private final int clockRate;
    private final int epoch;
    private final Consumer<AccessUnit> sink;
    private final RtpCounters counters;
    private final int maxAccessUnit;

    private byte[] buf = new byte[64 * 1024];
    private int len;
    private boolean open;
    private long auTs;
    private long auArrival;
    private boolean auKey;
    private boolean hasVps;
    private boolean hasSps;
    private boolean hasPps;
    private String dropReason;
    /** Where the NAL being reassembled from fragments starts in {@code buf}, or -1. */
    private int fuNalStart = -1;

    private int expectedSeq = -1; // -1 until the first packet is received
    private int sequenceHint = -1;
    private boolean damaged;
    private boolean gapJustHappened;
    private long lastDroppedTs = -1;

    private long lastTs32 = -1;
    private long lastExt;
    private long firstExt;
    private SenderReport senderReport;

    private byte[] vps;
    private byte[] sps;
    private byte[] pps;

    NalDepacketizer(VideoCodec codec, int payloadType, int clockRate, List<byte[]> parameterSets, int epoch,
                    Consumer<AccessUnit> sink, RtpCounters counters, int maxAccessUnit) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0: " + clockRate);
        }
        this.codec = codec;
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.epoch = epoch;
        this.sink = sink;
        this.counters = counters;
        this.maxAccessUnit = maxAccessUnit;
        for (byte[] nal : parameterSets) {
            if (nal.length > 0) {
                keepParameterSet(role(nal[0] & 0xFF), nal, 0, nal.length);
            }
        }
    }

    /** A depacketizer for the codec of a track. */
    public static NalDepacketizer create(VideoCodec codec, int payloadType, int clockRate, List<byte[]> parameterSets,
                                         boolean donl, int epoch, Consumer<AccessUnit> sink, RtpCounters counters) {
        return switch (codec) {
            case H264 -> new H264Depacketizer(payloadType, clockRate, parameterSets, epoch, sink, counters,
                    MAX_ACCESS_UNIT);
            case H265 -> new H265Depacketizer(payloadType, clockRate, parameterSets, donl, epoch, sink, counters,
                    MAX_ACCESS_UNIT);
        };
    }

    /** The role of a NAL unit from its first header byte. */
    abstract Role role(int firstHeaderByte);

    /** Appends the NAL units of one packet's payload ({@code n} bytes at {@code off}). */
    abstract void payload(ByteBuf b, int off, int n);

    /** Takes one RTP packet (the buffer's readable bytes; not released here). */
    public final void rtp(ByteBuf packet, long arrivalMicros) {
        counters.packet(packet.readableBytes());
        RtpPacket p = RtpPacket.parse(packet);
        if (p == null || p.payloadType() != payloadType) {
            counters.invalidPacket();
            return;
        }
        if (expectedSeq >= 0) {
            int diff = (p.sequence() - expectedSeq) & 0xFFFF;
            if (diff >= 0x8000) {
                counters.lateOrDuplicate();
                return;
            }
            if (diff != 0) {
                counters.sequenceGap(diff);
                drop(RtpCounters.SEQ_GAP);
                damaged = true;
                gapJustHappened = true;
            }
        }
        expectedSeq = (p.sequence() + 1) & 0xFFFF;
        if (open && p.timestamp() != auTs) {
            finish();
        }
        if (!open) {
            begin(p.timestamp(), arrivalMicros);
        }
        if (p.payloadLength() == 0) {
            fail(RtpCounters.MALFORMED);
        } else if (dropReason == null) {
            payload(packet, p.payloadOffset(), p.payloadLength());
        }
        if (p.marker()) {
            finish();
        }
    }

    /**
     * PLAY's RTP-Info seq: a hint only. The sequence starts at the first packet received, so a server
     * whose first packet is not the one announced causes no gap.
     */
    public final void expectSequence(int seq) {
        if (sequenceHint < 0) {
            sequenceHint = seq & 0xFFFF;
        }
    }

    /** The sequence number RTP-Info announced, or -1 (never used to count gaps). */
    public final int sequenceHint() {
        return sequenceHint;
    }

    /** Takes one RTCP packet: a sender report maps RTP time to wall-clock time from then on. */
    public final void rtcp(ByteBuf packet) {
        SenderReport sr = SenderReport.find(packet);
        if (sr != null) {
            senderReport = sr;
        }
    }

    /** Drops the access unit in progress (at the end of a connection). */
    public final void close() {
        if (open && len > 0) {
            counters.dropped(RtpCounters.SEQ_GAP);
        }
        open = false;
        len = 0;
    }

    /** Whether the stream is damaged (since a gap, until the next key frame). */
    public final boolean damaged() {
        return damaged;
    }

    private void begin(long ts, long arrivalMicros) {
        open = true;
        auTs = ts;
        auArrival = arrivalMicros;
        len = 0;
        auKey = false;
        hasVps = false;
        hasSps = false;
        hasPps = false;
        fuNalStart = -1;
        // The packets lost in a gap may have been the start of this access unit.
        dropReason = gapJustHappened ? RtpCounters.SEQ_GAP : null;
        gapJustHappened = false;
    }

    private void drop(String reason) {
        // The rest of a picture already counted (same timestamp after a gap) is not counted again.
        if (open && (len > 0 || dropReason != null) && auTs != lastDroppedTs) {
            counters.dropped(dropReason != null ? dropReason : reason);
            lastDroppedTs = auTs;
        }
        open = false;
        len = 0;
        dropReason = null;
    }

    /** Marks the access unit in progress as lost for this reason (kept: the first reason). */
    final void fail(String reason) {
        if (dropReason == null) {
            dropReason = reason;
        }
        if (!RtpCounters.SEQ_GAP.equals(reason)) {
            damaged = true;
        }
    }

    private void finish() {
        if (!open) {
            return;
        }
        if (fuNalStart >= 0) {
            fail(RtpCounters.MALFORMED);
        }
        if (dropReason != null) {
            drop(dropReason);
            return;
        }
        open = false;
        if (len == 0) {
            return;
        }
        if (damaged) {
            if (!auKey) {
                counters.dropped(RtpCounters.DAMAGED);
                len = 0;
                return;
            }
            damaged = false;
        }
        byte[] data = auKey ? withParameterSets() : Arrays.copyOf(buf, len);
        len = 0;
        long ext = extend(auTs);
        long pts = Math.floorDiv((ext - firstExt) * 1_000_000L, clockRate);
        counters.accessUnit(auKey, data.length);
        sink.accept(new AccessUnit(codec, data, ext, pts, wallMicros(ext), auKey, epoch));
    }

    private long extend(long ts32) {
        if (lastTs32 < 0) {
            lastTs32 = ts32;
            lastExt = ts32;
            firstExt = ts32;
            return ts32;
        }
        int delta = (int) (ts32 - lastTs32);
        lastTs32 = ts32;
        lastExt += delta;
        return lastExt;
    }

    private long wallMicros(long ext) {
        SenderReport sr = senderReport;
        if (sr == null) {
            return auArrival;
        }
        int delta = (int) ((ext & 0xFFFF_FFFFL) - sr.rtpTimestamp());
        return sr.wallMicros() + delta * 1_000_000L / clockRate;
    }

    /** The access unit with any parameter set it lacks inserted after its delimiter (if any). */
    private byte[] withParameterSets() {
        int extra = (hasVps || vps == null ? 0 : 4 + vps.length) + (hasSps || sps == null ? 0 : 4 + sps.length)
                + (hasPps || pps == null ? 0 : 4 + pps.length);
        if (extra == 0) {
            return Arrays.copyOf(buf, len);
        }
        int at = len > 4 && role(buf[4] & 0xFF) == Role.AUD ? nextStart(5) : 0;
        byte[] out = new byte[len + extra];
        System.arraycopy(buf, 0, out, 0, at);
        int o = at;
        o = put(out, o, hasVps ? null : vps);
        o = put(out, o, hasSps ? null : sps);
        o = put(out, o, hasPps ? null : pps);
        System.arraycopy(buf, at, out, o, len - at);
        return out;
    }

    private int nextStart(int from) {
        for (int i = from; i + 3 < len; i++) {
            if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 0 && buf[i + 3] == 1) {
                return i;
            }
        }
        return len;
    }

    private static int put(byte[] out, int o, byte[] nal) {
        if (nal == null) {
            return o;
        }
        System.arraycopy(START, 0, out, o, 4);
        System.arraycopy(nal, 0, out, o + 4, nal.length);
        return o + 4 + nal.length;
    }

    /** Appends a whole NAL unit of {@code n} bytes at {@code off}. */
    final void appendNal(ByteBuf b, int off, int n) {
        if (n <= 0) {
            fail(RtpCounters.MALFORMED);
            return;
        }
        if (!reserve(4 + n)) {
            return;
        }
        int start = len + 4;
        writeStart();
        b.getBytes(off, buf, len, n);
        len += n;
        nalComplete(start, n);
    }

    /** Starts a fragmented NAL unit with its rebuilt header. */
    final void startFragmented(byte[] header) {
        if (fuNalStart >= 0) {
            fail(RtpCounters.MALFORMED);
            return;
        }
        if (!reserve(4 + header.length)) {
            return;
        }
        writeStart();
        fuNalStart = len;
        System.arraycopy(header, 0, buf, len, header.length);
        len += header.length;
    }

    /** Appends a fragment of the NAL unit started by {@link #startFragmented}; ends it when {@code last}. */
    final void appendFragment(ByteBuf b, int off, int n, boolean last) {
        if (fuNalStart < 0) {
            // A middle or end fragment whose start was never seen.
            fail(RtpCounters.MALFORMED);
            return;
        }
        if (!reserve(n)) {
            return;
        }
        b.getBytes(off, buf, len, n);
        len += n;
        if (last) {
            int start = fuNalStart;
            fuNalStart = -1;
            nalComplete(start, len - start);
        }
    }

    private void writeStart() {
        System.arraycopy(START, 0, buf, len, 4);
        len += 4;
    }

    private boolean reserve(int n) {
        if ((long) len + n > maxAccessUnit) {
            fail(RtpCounters.TOO_LARGE);
            return false;
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxAccessUnit, Math.max((long) buf.length * 2, len + n)));
        }
        return true;
    }

    private void nalComplete(int start, int n) {
        Role r = role(buf[start] & 0xFF);
        switch (r) {
            case KEY -> auKey = true;
            case VPS -> hasVps = true;
            case SPS -> hasSps = true;
            case PPS -> hasPps = true;
            default -> {
                return;
            }
        }
        keepParameterSet(r, buf, start, n);
    }

    private void keepParameterSet(Role r, byte[] src, int off, int n) {
        if (n > MAX_PARAMETER_SET || r == Role.KEY || r == Role.AUD || r == Role.OTHER) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(src, off, off + n);
        switch (r) {
            case VPS -> vps = copy;
            case SPS -> sps = copy;
            case PPS -> pps = copy;
            default -> {
            }
        }
    }
}
