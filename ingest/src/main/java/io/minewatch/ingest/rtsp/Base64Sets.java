package io.minewatch.ingest.rtsp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Decodes comma-separated base64 parameter sets from an SDP; bad entries are skipped. */
final class Base64Sets {
    private static final int MAX_SETS = 16;

    private Base64Sets() {
    }

    static List<byte[]> decode(String value) {
        List<byte[]> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",", MAX_SETS + 1)) {
            if (out.size() == MAX_SETS) {
                break;
            }
            try {
                byte[] nal = Base64.getDecoder().decode(part.trim());
                if (nal.length > 0) {
                    out.add(nal);
                }
            } catch (IllegalArgumentException ignored) {
                // A set that is not base64 is left out; the in-band one will do.
            }
        }
        return out;
    }
}
