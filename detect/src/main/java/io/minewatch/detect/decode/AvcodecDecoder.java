package io.minewatch.detect.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Decodes access units (Annex-B H.264 / H.265) with FFmpeg's avcodec directly: one codec context per
 * camera, one thread unless the camera's {@code detection.decode_threads} says more, no demuxer. Frames come out in presentation order with the access unit's
 * {@code ptsMicros} as their pts. Not thread-safe: owned by the camera's decode thread.
 */
public final class AvcodecDecoder implements AutoCloseable {
    private final VideoCodec codec;
    private AVCodecContext context;
    private AVPacket packet;
    private AVFrame frame;
    private long errors;

    /** A one-thread decoder. @throws SourceException when FFmpeg has no decoder for the codec or cannot open it */
    public AvcodecDecoder(VideoCodec codec) throws SourceException {
        this(codec, 1);
    }

    /**
     * @param threads decoder threads (FFmpeg's slice or frame threading); 1 suits many cameras on few
     *                cores, more suits one high-resolution camera on an otherwise idle machine
     * @throws SourceException when FFmpeg has no decoder for the codec or cannot open it
     */
    public AvcodecDecoder(VideoCodec codec, int threads) throws SourceException {
        if (threads < 1) {
            throw new IllegalArgumentException("decoder threads must be >= 1: " + threads);
        }
        this.codec = codec;
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        AVCodec decoder = avcodec_find_decoder(codec == VideoCodec.H265 ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264);
        if (decoder == null) {
            throw new SourceException("FFmpeg has no " + codec + " decoder");
        }
        context = avcodec_alloc_context3(decoder);
        // One thread per camera by default: many cameras share the cores, and frame threading adds
        // a frame of latency per thread and costs CPU in synchronisation.
        context.thread_count(threads);
        int ret = avcodec_open2(context, decoder, (AVDictionary) null);
        if (ret < 0) {
            close();
            throw new SourceException("cannot open the " + codec + " decoder (error " + ret + ")");
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    /** The codec decoded. */
    public VideoCodec codec() {
        return codec;
    }

    /**
     * Sends one access unit. Returns false if the decoder refused it (corrupt data; counted in
     * {@link #errors()}), true otherwise; then call {@link #receive()} until it returns null.
     */
    public boolean send(AccessUnit au) {
        av_frame_unref(frame);
        if (av_new_packet(packet, au.size()) < 0) {
            errors++;
            return false;
        }
        packet.data().put(au.data(), 0, au.size());
        packet.pts(au.ptsMicros());
        packet.dts(AV_NOPTS_VALUE);
        if (au.keyFrame()) {
            packet.flags(packet.flags() | AV_PKT_FLAG_KEY);
        }
        int ret = avcodec_send_packet(context, packet);
        av_packet_unref(packet);
        if (ret < 0 && ret != AVERROR_EAGAIN()) {
            errors++;
            return false;
        }
        return true;
    }

    /**
     * The next decoded frame (owned by the decoder, valid until the next call), or null when the
     * decoder needs more input.
     */
    public AVFrame receive() {
        int ret = avcodec_receive_frame(context, frame);
        if (ret == 0) {
            return frame;
        }
        if (ret != AVERROR_EAGAIN() && ret != AVERROR_EOF) {
            errors++;
        }
        return null;
    }

    /** The pts of a frame from {@link #receive()}: the access unit's {@code ptsMicros}. */
    public static long ptsMicros(AVFrame f) {
        long pts = f.best_effort_timestamp();
        return pts == AV_NOPTS_VALUE ? f.pts() : pts;
    }

    /** Signals the end of the stream: {@link #receive()} then returns the frames still held (B-frame delay). */
    public void drain() {
        int ret = avcodec_send_packet(context, null);
        if (ret < 0 && ret != AVERROR_EOF) {
            errors++;
        }
    }

    /** Drops every reference picture and queued frame: the next access unit must be a key frame. */
    public void flush() {
        avcodec_flush_buffers(context);
    }

    /** Access units refused and frames that failed, so far. */
    public long errors() {
        return errors;
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }
}
