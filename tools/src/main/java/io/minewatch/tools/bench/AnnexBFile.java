package io.minewatch.tools.bench;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.minewatch.detect.decode.AccessUnitFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Reads an H.264 / H.265 file's video packets as the access units a camera's RTSP session would
 * deliver (Annex-B, parameter sets in band), through FFmpeg's demuxer and its
 * {@code h264_mp4toannexb} / {@code hevc_mp4toannexb} filter, and plays them through a camera's
 * detect-path decoder. For the decode benchmark.
 */
final class AnnexBFile {
    private AnnexBFile() {
    }

    /**
     * What {@link #decode} saw: pictures decoded, frames picked at the detect rate, decode errors,
     * and access units the ring dropped (those before the first key frame).
     */
    record Decoded(long frames, long picked, long errors, long dropped) {
    }

    /**
     * Plays access units into a pre-roll ring as a live camera's ingest would, while a
     * {@link AccessUnitFrameSource} (the live detect path's decoder) reads them on this thread; the
     * ring closes once everything written has been decoded, and the source hands out what its decoder
     * still holds. Each picked frame goes to {@code picked}, then is closed.
     */
    static Decoded decode(List<AccessUnit> units, double fps, int threads, Consumer<SampledFrame> picked)
            throws Exception {
        AtomicLong dropped = new AtomicLong();
        // The ring drops what comes before the first key frame (a clip may start mid-GOP), as live.
        PreRollRing ring = new PreRollRing(24 * 3600, 1L << 31, 1 << 22, reason -> dropped.incrementAndGet());
        try (AccessUnitFrameSource src = new AccessUnitFrameSource("file", ring, fps, 0, 0, threads)) {
            src.open();
            AtomicLong decoded = new AtomicLong();
            Thread camera = new Thread(() -> {
                try {
                    units.forEach(ring::write);
                    // Close when the decoder has stopped taking pictures for half a second: all
                    // read but those it holds (a ring reader gets nothing more once it is closed).
                    long seen = -1;
                    while (decoded.get() == 0 || decoded.get() != seen) {
                        seen = decoded.get();
                        Thread.sleep(500);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ring.close();
                }
            }, "annexb-camera");
            camera.start();
            long n = 0;
            SampledFrame f;
            while ((f = src.next()) != null) {
                try (SampledFrame frame = f) {
                    decoded.set(src.framesDecoded());
                    picked.accept(frame);
                    n++;
                }
            }
            camera.join();
            return new Decoded(src.framesDecoded(), n, src.decodeErrors(), dropped.get());
        }
    }

    /**
     * The file's video packets in decode order as Annex-B access units (pts from the container,
     * epoch 0); an error names the file when it cannot be read or is not H.264 / H.265.
     */
    static List<AccessUnit> read(Path file) throws IOException {
        AVFormatContext fmt = new AVFormatContext(null);
        if (avformat_open_input(fmt, file.toString(), null, (AVDictionary) null) < 0) {
            throw new IOException("cannot open " + file);
        }
        AVBSFContext bsf = null;
        AVPacket pkt = av_packet_alloc();
        try {
            if (avformat_find_stream_info(fmt, (AVDictionary) null) < 0) {
                throw new IOException("no stream information in " + file);
            }
            int index = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            if (index < 0) {
                throw new IOException("no video stream in " + file);
            }
            AVStream stream = fmt.streams(index);
            int id = stream.codecpar().codec_id();
            if (id != AV_CODEC_ID_H264 && id != AV_CODEC_ID_HEVC) {
                throw new IOException(file + ": not H.264 or H.265 (codec id " + id + ")");
            }
            VideoCodec codec = id == AV_CODEC_ID_HEVC ? VideoCodec.H265 : VideoCodec.H264;
            bsf = new AVBSFContext(null);
            if (av_bsf_alloc(av_bsf_get_by_name(codec == VideoCodec.H265 ? "hevc_mp4toannexb" : "h264_mp4toannexb"),
                    bsf) < 0) {
                throw new IOException("no Annex-B filter for " + codec);
            }
            avcodec_parameters_copy(bsf.par_in(), stream.codecpar());
            bsf.time_base_in(stream.time_base());
            if (av_bsf_init(bsf) < 0) {
                throw new IOException("cannot start the Annex-B filter for " + file);
            }
            AVRational tb = stream.time_base();
            List<AccessUnit> out = new ArrayList<>();
            while (av_read_frame(fmt, pkt) >= 0) {
                if (pkt.stream_index() == index && av_bsf_send_packet(bsf, pkt) >= 0) {
                    while (av_bsf_receive_packet(bsf, pkt) >= 0) {
                        byte[] data = new byte[pkt.size()];
                        pkt.data().get(data);
                        long pts = pkt.pts() == AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                        long micros = pts * 1_000_000L * tb.num() / tb.den();
                        out.add(new AccessUnit(codec, data, pts, micros, micros,
                                (pkt.flags() & AV_PKT_FLAG_KEY) != 0, 0));
                        av_packet_unref(pkt);
                    }
                }
                av_packet_unref(pkt);
            }
            return out;
        } finally {
            av_packet_free(pkt);
            if (bsf != null) {
                av_bsf_free(bsf);
            }
            avformat_close_input(fmt);
        }
    }
}
