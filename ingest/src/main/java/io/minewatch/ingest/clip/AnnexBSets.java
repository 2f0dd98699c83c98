package io.minewatch.ingest.clip;

import io.minewatch.ingest.rtp.VideoCodec;
import java.util.ArrayList;
import java.util.List;

/** The parameter sets an access unit carries in band (ingest puts them before every key frame). */
public final class AnnexBSets {
    private AnnexBSets() {
    }

    /** The access unit's SPS/PPS (and VPS) in Annex-B form, in order; empty when it carries none. */
    public static byte[] parameterSets(VideoCodec codec, byte[] accessUnit) {
        List<byte[]> sets = new ArrayList<>();
        for (byte[] nal : AnnexB.split(accessUnit)) {
            if (nal.length > 0 && NalTypes.isParameterSet(codec, NalTypes.type(codec, nal[0]))) {
                sets.add(nal);
            }
        }
        return AnnexB.join(sets);
    }
}
