package io.minewatch.ingest.rtsp;

import io.minewatch.ingest.rtp.VideoCodec;
import java.util.List;
import java.util.Map;

/**
 * One {@code m=} section of an SDP.
 *
 * @param media          media type ({@code video}, {@code audio}, ...)
 * @param payloadType    the first payload type of the section
 * @param encoding       encoding name from {@code a=rtpmap}, or "" when absent
 * @param clockRate      clock rate from {@code a=rtpmap} (90000 for video when absent)
 * @param control        the {@code a=control} attribute, or "" when absent
 * @param fmtp           {@code a=fmtp} parameters of the payload type, keys in lower case
 */
public record MediaTrack(String media, int payloadType, String encoding, int clockRate, String control,
                         Map<String, String> fmtp) {

    public MediaTrack {
        fmtp = Map.copyOf(fmtp);
    }

    /** The video codec this ingest can depacketize, or null (audio, other codecs). */
    public VideoCodec codec() {
        return "video".equals(media) ? VideoCodec.fromEncodingName(encoding) : null;
    }

    /** Parameter sets from {@code sprop-parameter-sets} (H.264) or {@code sprop-vps/sps/pps} (H.265). */
    public List<byte[]> parameterSets() {
        VideoCodec c = codec();
        if (c == VideoCodec.H264) {
            return Base64Sets.decode(fmtp.get("sprop-parameter-sets"));
        }
        if (c == VideoCodec.H265) {
            List<byte[]> out = new java.util.ArrayList<>();
            out.addAll(Base64Sets.decode(fmtp.get("sprop-vps")));
            out.addAll(Base64Sets.decode(fmtp.get("sprop-sps")));
            out.addAll(Base64Sets.decode(fmtp.get("sprop-pps")));
            return out;
        }
        return List.of();
    }

    /** H.265: whether RTP payloads carry DONL fields ({@code sprop-max-don-diff} above 0). */
    public boolean donl() {
        String v = fmtp.get("sprop-max-don-diff");
        try {
            return v != null && Integer.parseInt(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
