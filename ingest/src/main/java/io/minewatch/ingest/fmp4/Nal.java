package io.minewatch.ingest.fmp4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One NAL unit inside an Annex-B access unit, by reference (no copy).
 *
 * @param data   the access unit's bytes
 * @param offset first byte of the NAL unit (its header), after the start code
 * @param length bytes up to the next start code, trailing zero bytes excluded
 */
record Nal(byte[] data, int offset, int length) {

    /** H.264 nal_unit_type. */
    int type() {
        return data[offset] & 0x1f;
    }

    byte[] bytes() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    boolean sameAs(byte[] other) {
        return Arrays.equals(data, offset, offset + length, other, 0, other.length);
    }

    /** The NAL units of an Annex-B access unit (behind 00 00 01 or 00 00 00 01), empty ones left out. */
    static List<Nal> split(byte[] au) {
        List<Nal> nals = new ArrayList<>(4);
        int start = -1;
        int i = 0;
        while (i + 2 < au.length) {
            if ((au[i + 2] & 0xff) > 1) {
                i += 3; // no start code can begin at i, i+1 or i+2
            } else if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                add(nals, au, start, i);
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        add(nals, au, start, au.length);
        return nals;
    }

    private static void add(List<Nal> nals, byte[] au, int start, int end) {
        if (start < 0) {
            return;
        }
        while (end > start && au[end - 1] == 0) {
            end--;
        }
        if (end > start) {
            nals.add(new Nal(au, start, end - start));
        }
    }
}
