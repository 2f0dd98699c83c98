package io.minewatch.ingest.fmp4;

import java.util.List;

/**
 * Builds one media segment ({@code moof} + {@code mdat}) holding a run of samples in decode order,
 * shaped as browsers' Media Source Extensions want it: {@code tfhd} with default-base-is-moof, a
 * {@code tfdt} with the first sample's decode time, a version-1 {@code trun} (signed composition
 * offsets) whose data offset points into the {@code mdat}.
 */
final class MediaSegment {
    /** tfhd flags: default-base-is-moof. */
    private static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    /** trun flags: data-offset, sample-duration, sample-size, sample-flags, composition-time-offset present. */
    private static final int TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800;
    /** A sync sample: depends on no other (sample_depends_on = 2). */
    static final int SYNC = 0x02000000;
    /** A non-sync sample: depends on others, sample_is_non_sync_sample. */
    static final int NON_SYNC = 0x01010000;
    /**
     * Bytes besides the 16 per sample and the samples' data: moof 8, mfhd 16, traf 8, tfhd 16, tfdt 20,
     * trun 20, mdat header 8.
     */
    private static final int HEADERS = 96;

    /**
     * One sample of a segment.
     *
     * @param nals     its NAL units (no start codes); each gets a 4-byte length prefix
     * @param key      a key frame
     * @param duration in {@link InitSegment#TIMESCALE} units
     * @param cto      presentation time minus decode time
     */
    record Sample(List<Nal> nals, boolean key, long duration, long cto) {
        int size() {
            int size = 0;
            for (Nal nal : nals) {
                size += AvcConfig.LENGTH_SIZE + nal.length();
            }
            return size;
        }
    }

    private MediaSegment() {
    }

    /**
     * @param sequence   the fragment's sequence number (from 1, increasing)
     * @param decodeTime the first sample's decode time in {@link InitSegment#TIMESCALE} units
     */
    static Segment build(long sequence, long decodeTime, List<Sample> samples) {
        int[] sizes = new int[samples.size()];
        int data = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = samples.get(i).size();
            data += sizes[i];
        }
        // The headers only, at their exact size; the samples' bytes stay where they are (Segment).
        Boxes b = new Boxes(HEADERS + 16 * sizes.length);
        int moof = b.position();
        b.open("moof");
        b.open("mfhd", 0, 0).u32(sequence).close();
        b.open("traf");
        b.open("tfhd", 0, DEFAULT_BASE_IS_MOOF).u32(InitSegment.TRACK).close();
        b.open("tfdt", 1, 0).u64(decodeTime).close();
        b.open("trun", 1, TRUN_FLAGS).u32(sizes.length);
        int dataOffset = b.position();
        b.u32(0);
        for (int i = 0; i < sizes.length; i++) {
            Sample s = samples.get(i);
            b.u32(s.duration()).u32(sizes[i]).u32(s.key() ? SYNC : NON_SYNC).u32(s.cto());
        }
        b.close(); // trun
        b.close(); // traf
        b.close(); // moof
        b.put32(dataOffset, b.position() + 8 - moof); // the first sample's data, just past the mdat header
        b.u32(8L + data);
        for (int i = 0; i < 4; i++) {
            b.u8("mdat".charAt(i));
        }
        byte[] head = b.toByteArray();
        return new Segment(head, List.copyOf(samples), head.length + data);
    }
}
