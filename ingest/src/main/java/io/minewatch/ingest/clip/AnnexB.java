package io.minewatch.ingest.clip;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits and joins Annex-B byte streams (NAL units behind 00 00 01 / 00 00 00 01 start codes). */
final class AnnexB {
    private static final byte[] START = {0, 0, 0, 1};

    private AnnexB() {
    }

    /** The NAL units of an access unit, without their start codes. */
    static List<byte[]> split(byte[] au) {
        List<byte[]> nals = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < au.length) {
            if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                if (start >= 0) {
                    nals.add(Arrays.copyOfRange(au, start, trimZeros(au, start, i)));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < au.length) {
            nals.add(Arrays.copyOfRange(au, start, au.length));
        }
        return nals;
    }

    /** End of a NAL unit before the next start code, dropping the zero byte of a 4-byte code. */
    private static int trimZeros(byte[] b, int from, int end) {
        while (end > from && b[end - 1] == 0) {
            end--;
        }
        return end;
    }

    static byte[] join(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            out.writeBytes(START);
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }
}
