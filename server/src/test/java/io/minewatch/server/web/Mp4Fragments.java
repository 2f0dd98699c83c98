package io.minewatch.server.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A fragmented MP4 file (as ffmpeg writes with {@code -movflags empty_moov+default_base_moof}) split
 * into its init segment (ftyp+moov) and media segments (moof+mdat), with the RFC 6381 codec string
 * of its H.264 track from the avcC box, for feeding a page's Media Source the way the server does.
 */
record Mp4Fragments(byte[] init, List<byte[]> fragments, String codec, long fragmentMillis) {

    static Mp4Fragments read(Path file, long fragmentMillis) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        int initEnd = -1;
        List<byte[]> fragments = new ArrayList<>();
        int fragmentStart = -1;
        while (b.remaining() >= 8) {
            int start = b.position();
            long size = Integer.toUnsignedLong(b.getInt());
            String type = new String(all, start + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (size < 8 || start + size > all.length) {
                throw new IOException("not a plain MP4 box at " + start + " of " + file);
            }
            int end = (int) (start + size);
            if (type.equals("moov")) {
                initEnd = end;
            } else if (type.equals("moof")) {
                fragmentStart = start;
            } else if (type.equals("mdat") && fragmentStart >= 0) {
                fragments.add(Arrays.copyOfRange(all, fragmentStart, end));
                fragmentStart = -1;
            }
            b.position(end);
        }
        if (initEnd < 0 || fragments.isEmpty()) {
            throw new IOException("no moov or no fragments in " + file);
        }
        byte[] init = Arrays.copyOfRange(all, 0, initEnd);
        return new Mp4Fragments(init, fragments, codec(init), fragmentMillis);
    }

    private static String codec(byte[] init) throws IOException {
        for (int i = 0; i + 8 < init.length; i++) {
            if (init[i] == 'a' && init[i + 1] == 'v' && init[i + 2] == 'c' && init[i + 3] == 'C') {
                return "avc1." + HexFormat.of().formatHex(init, i + 5, i + 8);
            }
        }
        throw new IOException("no avcC box: not H.264");
    }
}
