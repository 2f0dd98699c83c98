package io.minewatch.ingest.clip;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_close;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_parse2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.minewatch.ingest.rtp.VideoCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParserContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Reads a key frame's picture size from its parameter sets with FFmpeg's bitstream parser (no
 * decoding), for the clip file's header.
 *
 * @param width  pixels
 * @param height pixels
 */
public record PictureSize(int width, int height) {
    /** FFmpeg's PARSER_FLAG_COMPLETE_FRAMES (avcodec.h), which the presets do not export. */
    private static final int COMPLETE_FRAMES = 0x0001;

    /** The size of a key frame that carries its SPS; null when it cannot be read. */
    public static PictureSize of(VideoCodec codec, byte[] keyFrame) {
        AVCodecParserContext parser = av_parser_init(NalTypes.ffmpegId(codec));
        if (parser == null) {
            return null;
        }
        AVCodecContext context = avcodec_alloc_context3(null);
        // The parser reads past the end by up to the padding size: hand it a zero-padded copy.
        try (BytePointer in = new BytePointer(keyFrame.length + AV_INPUT_BUFFER_PADDING_SIZE);
             BytePointer out = new BytePointer();
             IntPointer outSize = new IntPointer(1)) {
            in.fill(0);
            in.put(keyFrame);
            parser.flags(parser.flags() | COMPLETE_FRAMES);
            av_parser_parse2(parser, context, out, outSize, in, keyFrame.length, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
            int w = parser.width() > 0 ? parser.width() : context.width();
            int h = parser.height() > 0 ? parser.height() : context.height();
            return w > 0 && h > 0 ? new PictureSize(w, h) : null;
        } finally {
            av_parser_close(parser);
            avcodec_free_context(context);
        }
    }
}
