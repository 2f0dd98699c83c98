package io.minewatch.ingest.fmp4;

/**
 * Builds one media segment ({@code moof} + {@code mdat}) holding one sample, shaped as browsers'
 * Media Source Extensions want it: {@code tfhd} with default-base-is-moof, a {@code tfdt} with the
 * decode time, a version-1 {@code trun} (signed composition offsets) whose data offset points into
 * the {@code mdat}.
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

    private MediaSegment() {
    }

    /**
     * @param sequence    the fragment's sequence number (from 1, increasing)
     * @param decodeTime  the sample's decode time in {@link InitSegment#TIMESCALE} units
     * @param duration    the sample's duration in the same units
     * @param cto         presentation time minus decode time
     * @param key         whether the sample is a key frame
     * @param nals        the sample's NAL units (no start codes); each gets a 4-byte length prefix
     */
    static byte[] build(long sequence, long decodeTime, long duration, long cto, boolean key, java.util.List<Nal> nals) {
        int size = 0;
        for (Nal nal : nals) {
            size += AvcConfig.LENGTH_SIZE + nal.length();
        }
        Boxes b = new Boxes(128 + size);
        int moof = b.position();
        b.open("moof");
        b.open("mfhd", 0, 0).u32(sequence).close();
        b.open("traf");
        b.open("tfhd", 0, DEFAULT_BASE_IS_MOOF).u32(InitSegment.TRACK).close();
        b.open("tfdt", 1, 0).u64(decodeTime).close();
        b.open("trun", 1, TRUN_FLAGS).u32(1);
        int dataOffset = b.position();
        b.u32(0);
        b.u32(duration).u32(size).u32(key ? SYNC : NON_SYNC).u32(cto);
        b.close(); // trun
        b.close(); // traf
        b.close(); // moof
        b.open("mdat");
        b.put32(dataOffset, b.position() - moof);
        for (Nal nal : nals) {
            b.u32(nal.length()).bytes(nal.data(), nal.offset(), nal.length());
        }
        b.close();
        return b.toByteArray();
    }
}
