package io.minewatch.ingest.fmp4;

/**
 * Builds the init segment of a one-track fragmented MP4 ({@code ftyp} + {@code moov} with an empty
 * sample table and {@code mvex/trex}), as Media Source Extensions expect before any media segment.
 */
final class InitSegment {
    /** Track id of the only track. */
    static final int TRACK = 1;
    /** Media time scale: 90 kHz, the RTP video clock. */
    static final int TIMESCALE = 90_000;

    private InitSegment() {
    }

    static byte[] build(AvcConfig c) {
        byte[] avcc = c.decoderConfigurationRecord();
        Boxes b = new Boxes(800 + avcc.length);
        b.open("ftyp").bytes(ascii("iso5")).u32(512);
        for (String brand : new String[] {"iso5", "iso6", "avc1", "mp41"}) {
            b.bytes(ascii(brand));
        }
        b.close();
        b.open("moov");
        mvhd(b);
        b.open("trak");
        tkhd(b, c);
        b.open("mdia");
        b.open("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0).u16(0x55c4).u16(0).close(); // language "und"
        b.open("hdlr", 0, 0).u32(0).bytes(ascii("vide")).zeros(12).bytes(ascii("VideoHandler")).u8(0).close();
        b.open("minf");
        b.open("vmhd", 0, 1).u16(0).zeros(6).close();
        b.open("dinf").open("dref", 0, 0).u32(1).open("url ", 0, 1).close().close().close();
        b.open("stbl");
        b.open("stsd", 0, 0).u32(1);
        avc1(b, c, avcc);
        b.close();
        for (String empty : new String[] {"stts", "stsc", "stco"}) {
            b.open(empty, 0, 0).u32(0).close();
        }
        b.open("stsz", 0, 0).u32(0).u32(0).close();
        b.close(); // stbl
        b.close(); // minf
        b.close(); // mdia
        b.close(); // trak
        b.open("mvex");
        b.open("trex", 0, 0).u32(TRACK).u32(1).u32(0).u32(0).u32(0).close();
        b.close(); // mvex
        b.close(); // moov
        return b.toByteArray();
    }

    private static void mvhd(Boxes b) {
        b.open("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0);
        b.u32(0x00010000).u16(0x0100).zeros(10);
        matrix(b);
        b.zeros(24).u32(TRACK + 1).close();
    }

    private static void tkhd(Boxes b, AvcConfig c) {
        // flags: enabled, in movie, in preview
        b.open("tkhd", 0, 3).u32(0).u32(0).u32(TRACK).u32(0).u32(0);
        b.zeros(8).u16(0).u16(0).u16(0).u16(0);
        matrix(b);
        b.u32((long) c.width() << 16).u32((long) c.height() << 16).close();
    }

    private static void avc1(Boxes b, AvcConfig c, byte[] avcc) {
        b.open("avc1").zeros(6).u16(1); // reserved, data_reference_index
        b.zeros(16).u16(c.width()).u16(c.height());
        b.u32(0x00480000).u32(0x00480000).u32(0).u16(1); // 72 dpi, reserved, frame_count
        b.zeros(32); // compressorname
        b.u16(0x0018).u16(0xffff); // depth, pre_defined = -1
        b.open("avcC").bytes(avcc).close();
        b.close();
    }

    private static void matrix(Boxes b) {
        int[] unity = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
        for (int v : unity) {
            b.u32(v & 0xffffffffL);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
