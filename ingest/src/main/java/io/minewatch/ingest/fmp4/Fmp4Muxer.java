package io.minewatch.ingest.fmp4;

import io.minewatch.ingest.clip.DtsRebuilder;
import io.minewatch.ingest.clip.PictureSize;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a camera's H.264 access units (as the pre-roll ring holds them) into fragmented MP4 for
 * Media Source Extensions, by stream copy: no decoding, no re-encoding.
 *
 * <p>The init segment carries the SPS and PPS in its {@code avcC}; the samples carry the camera's
 * other NAL units byte for byte, length-prefixed, without access-unit delimiters and without in-band
 * copies of the parameter sets in the {@code avcC} (a key frame with different sets gives a new init
 * segment first). A media segment holds the samples ready when {@link #endBatch()} is called (the
 * caller batches, e.g. every 100 ms, to bound latency and per-segment work), and a key frame always
 * starts a new one, so a viewer can start at any segment flagged key; decode times are rebuilt from the presentation times ({@link DtsRebuilder}, a few frames of
 * look-ahead for B-frames) and continue across reconnects of the camera (a new epoch), so the
 * timeline only moves forward. Access units before the first key frame with its parameter sets are
 * skipped. Not thread-safe: one muxer per camera, on one thread.
 */
public final class Fmp4Muxer {
    private static final int AUD = 9;
    private static final int SPS = 7;
    private static final int PPS = 8;

    /** Where the segments go, in order. */
    public interface Output {
        /** A new init segment (the first, or after the parameter sets changed). */
        void init(AvcConfig config, byte[] segment);

        /**
         * One media segment of {@code samples} pictures; {@code key}: it starts with a key frame, a viewer
         * may start here. The segment refers to the access units' bytes: write it out (or copy it) now.
         */
        void fragment(Segment segment, boolean key, int samples);
    }

    private final Output out;
    private AvcConfig config;
    private DtsRebuilder<Sample> rebuilder;
    private int epoch = Integer.MIN_VALUE;
    private long segmentFirstPts;
    private long timelineOffset;
    private boolean aligned;
    private long end;
    private long sequence;
    private long skipped;
    private final List<MediaSegment.Sample> pending = new ArrayList<>();
    private long pendingDecodeTime;
    /** The newest sample: its duration is the gap to the next one's decode time, not known yet. */
    private Sample held;
    private long heldDecodeTime;
    private long heldCto;
    private long heldDuration;

    public Fmp4Muxer(Output out) {
        this.out = out;
    }

    /**
     * Adds one access unit; may emit segments (those held back for the decode order come later).
     *
     * @throws Fmp4Exception when the stream cannot be muxed for a browser: H.265, or unusable parameter sets
     */
    public void add(AccessUnit au) throws Fmp4Exception {
        if (au.codec() != VideoCodec.H264) {
            throw new Fmp4Exception(Fmp4Exception.H265, "the stream is " + au.codec() + ", not H.264");
        }
        List<Nal> nals = Nal.split(au.data());
        if (au.keyFrame()) {
            configure(au, nals);
        }
        if (config == null) {
            skipped++;
            return;
        }
        if (au.epoch() != epoch) {
            endTimelineSegment();
            epoch = au.epoch();
        }
        List<Nal> kept = new ArrayList<>(nals.size());
        for (Nal nal : nals) {
            int type = nal.type();
            if (type == AUD || type == SPS && nal.sameAs(config.sps()) || type == PPS && nal.sameAs(config.pps())) {
                continue;
            }
            kept.add(nal);
        }
        if (kept.isEmpty()) {
            skipped++;
            return;
        }
        long pts = au.ptsMicros() * 9 / 100;
        if (rebuilder == null) {
            rebuilder = new DtsRebuilder<>(this::emit);
            segmentFirstPts = pts;
        }
        rebuilder.add(new Sample(kept, au.keyFrame()), pts - segmentFirstPts);
    }

    private void configure(AccessUnit au, List<Nal> nals) throws Fmp4Exception {
        Nal sps = null;
        Nal pps = null;
        for (Nal nal : nals) {
            if (nal.type() == SPS && sps == null) {
                sps = nal;
            } else if (nal.type() == PPS && pps == null) {
                pps = nal;
            }
        }
        if (sps == null || pps == null || config != null && config.sameSets(sps.bytes(), pps.bytes())) {
            return;
        }
        if (sps.length() < 4) {
            throw new Fmp4Exception(Fmp4Exception.CODEC, "the SPS is " + sps.length() + " bytes long");
        }
        PictureSize size = PictureSize.of(VideoCodec.H264, au.data());
        if (size == null) {
            throw new Fmp4Exception(Fmp4Exception.CODEC, "the picture size cannot be read from the SPS");
        }
        AvcConfig next = new AvcConfig(sps.bytes(), pps.bytes(), size.width(), size.height());
        endTimelineSegment();
        config = next;
        out.init(next, InitSegment.build(next));
    }

    /** Emits what the decode-order look-ahead holds; the next access unit starts a new stretch of timeline. */
    private void endTimelineSegment() {
        if (rebuilder != null) {
            rebuilder.flush();
            rebuilder = null;
        }
        if (held != null) {
            // The last sample of a stretch keeps the duration the rebuilder estimated for it.
            release(heldDuration);
        }
        endBatch();
        aligned = false;
    }

    /**
     * Emits the samples ready as one media segment: those past the decode-order look-ahead, less the
     * newest (held until the next one gives its duration).
     */
    public void endBatch() {
        if (pending.isEmpty()) {
            return;
        }
        out.fragment(MediaSegment.build(++sequence, pendingDecodeTime, pending), pending.get(0).key(), pending.size());
        pending.clear();
    }

    /** Emits everything held back (end of stream). */
    public void flush() {
        endTimelineSegment();
    }

    private void emit(Sample s, long[] times) {
        long pts = times[0];
        long dts = times[1];
        if (!aligned) {
            // This stretch's first decode time continues where the last one ended.
            timelineOffset = end - dts;
            aligned = true;
        }
        long decodeTime = dts + timelineOffset;
        end = decodeTime + times[2];
        if (held != null) {
            // Each sample lasts until the next one's decode time: within a segment the decode times
            // follow from the durations, so they must add up exactly.
            release(decodeTime - heldDecodeTime);
        }
        if (s.key) {
            endBatch(); // a key frame starts a segment: where viewers may start
        }
        held = s;
        heldDecodeTime = decodeTime;
        heldCto = pts - dts;
        heldDuration = times[2];
    }

    private void release(long duration) {
        if (pending.isEmpty()) {
            pendingDecodeTime = heldDecodeTime;
        }
        pending.add(new MediaSegment.Sample(held.nals, held.key, duration, heldCto));
        held = null;
    }

    /** The current configuration (null before the first key frame with its parameter sets). */
    public AvcConfig config() {
        return config;
    }

    /** Access units skipped: before the first key frame with its parameter sets, or with nothing to mux. */
    public long skipped() {
        return skipped;
    }

    /** Timestamps the decode-order rebuilding had to change so far (in the current stretch). */
    public long timestampCorrections() {
        return rebuilder == null ? 0 : rebuilder.corrections();
    }

    private record Sample(List<Nal> nals, boolean key) {
    }
}
