package io.minewatch.ingest.clip;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

/** The video codecs cameras send, with what the record path needs to know of their NAL units. */
public enum VideoCodec {
    H264(AV_CODEC_ID_H264),
    H265(AV_CODEC_ID_HEVC);

    private final int ffmpegId;

    VideoCodec(int ffmpegId) {
        this.ffmpegId = ffmpegId;
    }

    int ffmpegId() {
        return ffmpegId;
    }

    /** NAL unit type from the first header byte. */
    int nalType(byte header) {
        return this == H264 ? header & 0x1f : (header >> 1) & 0x3f;
    }

    /** Parameter sets (SPS, PPS, and VPS for H.265): kept once in the file header. */
    boolean isParameterSet(int type) {
        return this == H264 ? type == 7 || type == 8 : type >= 32 && type <= 34;
    }

    /** Access unit delimiters carry nothing a file needs. */
    boolean isDelimiter(int type) {
        return this == H264 ? type == 9 : type == 35;
    }
}
