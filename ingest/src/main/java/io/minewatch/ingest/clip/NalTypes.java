package io.minewatch.ingest.clip;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import io.minewatch.ingest.rtp.VideoCodec;

/** What the record path needs to know of each codec's NAL units, and its FFmpeg id. */
final class NalTypes {
    private NalTypes() {
    }

    static int ffmpegId(VideoCodec codec) {
        return codec == VideoCodec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC;
    }

    /** NAL unit type from the first header byte. */
    static int type(VideoCodec codec, byte header) {
        return codec == VideoCodec.H264 ? header & 0x1f : (header >> 1) & 0x3f;
    }

    /** Parameter sets (SPS, PPS, and VPS for H.265): kept once in the file header. */
    static boolean isParameterSet(VideoCodec codec, int type) {
        return codec == VideoCodec.H264 ? type == 7 || type == 8 : type >= 32 && type <= 34;
    }

    /** Access unit delimiters carry nothing a file needs. */
    static boolean isDelimiter(VideoCodec codec, int type) {
        return codec == VideoCodec.H264 ? type == 9 : type == 35;
    }
}
