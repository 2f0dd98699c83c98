package io.minewatch.ingest.clip;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import io.minewatch.ingest.rtp.VideoCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes access units to a fragmented MP4 by stream copy: no decoding, no re-encoding.
 *
 * <p>Each key frame starts a fragment and the header is written first, so a file cut short by a
 * crash plays up to its last complete fragment. Parameter sets travel once, in the header; in-band
 * copies equal to them and access-unit delimiters are dropped, so the packets in the file are the
 * camera's slices, byte for byte. Decode times are rebuilt (B-frames reorder presentation times) and
 * a camera clock that steps back or jitters is repaired on the way in ({@link DtsRebuilder}), so the
 * muxer never refuses a packet for its timestamps. Not thread-safe: one writer per clip, on the clip thread.
 */
public final class Mp4ClipWriter implements ClipWriter {
    /** Time base of RTP video and of the file's track. */
    public static final int TIMESCALE = 90_000;

    private final Path file;
    private final VideoCodec codec;
    private final Set<String> headerSets = new HashSet<>();
    private final AVFormatContext context;
    private final AVStream stream;
    private final DtsRebuilder<Packet> dts;
    private long firstPts = Long.MIN_VALUE;
    private long packets;
    private boolean closed;
    private ClipException failure;

    private Mp4ClipWriter(Path file, VideoCodec codec, AVFormatContext context, AVStream stream) {
        this.file = file;
        this.codec = codec;
        this.context = context;
        this.stream = stream;
        this.dts = new DtsRebuilder<>(this::writeOut);
    }

    /**
     * Creates the file and writes its header.
     *
     * @param parameterSets the stream's parameter sets in Annex-B form (SPS and PPS; VPS too for H.265)
     * @param width         coded width in pixels
     * @param height        coded height in pixels
     */
    public static Mp4ClipWriter create(Path file, VideoCodec codec, byte[] parameterSets, int width, int height)
            throws ClipException {
        AVFormatContext oc = new AVFormatContext(null);
        check(avformat_alloc_output_context2(oc, null, "mp4", file.toString()), file, "create muxer");
        AVStream st = avformat_new_stream(oc, null);
        AVCodecParameters par = st.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(NalTypes.ffmpegId(codec));
        par.width(width);
        par.height(height);
        // FFmpeg owns and frees extradata: it must come from av_malloc, zero-padded.
        int size = parameterSets.length + AV_INPUT_BUFFER_PADDING_SIZE;
        BytePointer extradata = new BytePointer(av_malloc(size)).capacity(size);
        extradata.fill(0);
        extradata.put(parameterSets);
        par.extradata(extradata);
        par.extradata_size(parameterSets.length);
        st.time_base(new AVRational().num(1).den(TIMESCALE));
        AVIOContext pb = new AVIOContext(null);
        int ret = avio_open(pb, file.toString(), AVIO_FLAG_WRITE);
        if (ret < 0) {
            avformat_free_context(oc);
            check(ret, file, "open");
        }
        oc.pb(pb);
        // Flush after every packet: what was received is on disk even if the process is killed.
        oc.flush_packets(1);
        AVDictionary options = new AVDictionary(null);
        // A fragment per key frame behind an empty moov: what is written survives a crash.
        av_dict_set(options, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
        ret = avformat_write_header(oc, options);
        av_dict_free(options);
        Mp4ClipWriter writer = new Mp4ClipWriter(file, codec, oc, st);
        if (ret < 0) {
            writer.release();
            check(ret, file, "write header");
        }
        for (byte[] nal : AnnexB.split(parameterSets)) {
            writer.headerSets.add(java.util.HexFormat.of().formatHex(nal));
        }
        return writer;
    }

    /**
     * Adds one access unit (Annex-B) presented at {@code pts} (in {@link #TIMESCALE} units). The
     * first packet of a clip should be a key frame.
     */
    @Override
    public void write(byte[] accessUnit, long pts, boolean keyFrame) throws ClipException {
        if (closed) {
            throw new ClipException(file + ": already closed");
        }
        if (firstPts == Long.MIN_VALUE) {
            firstPts = pts;
        }
        byte[] payload = withoutHeaderCopies(accessUnit);
        if (payload.length > 0) {
            dts.add(new Packet(payload, keyFrame), pts - firstPts);
        }
        throwFailure();
    }

    private byte[] withoutHeaderCopies(byte[] au) {
        List<byte[]> kept = new ArrayList<>();
        boolean dropped = false;
        for (byte[] nal : AnnexB.split(au)) {
            int type = nal.length == 0 ? -1 : NalTypes.type(codec, nal[0]);
            if (nal.length == 0 || NalTypes.isDelimiter(codec, type)
                    || NalTypes.isParameterSet(codec, type) && headerSets.contains(java.util.HexFormat.of().formatHex(nal))) {
                dropped = true;
            } else {
                kept.add(nal);
            }
        }
        return dropped ? AnnexB.join(kept) : au;
    }

    private void writeOut(Packet p, long[] times) {
        if (failure != null) {
            return;
        }
        AVPacket pkt = av_packet_alloc();
        try {
            check(av_new_packet(pkt, p.data.length), file, "allocate packet");
            pkt.data().put(p.data);
            pkt.pts(times[0]);
            pkt.dts(times[1]);
            pkt.duration(times[2]);
            pkt.stream_index(stream.index());
            if (p.key) {
                pkt.flags(AV_PKT_FLAG_KEY);
            }
            check(av_interleaved_write_frame(context, pkt), file, "write packet " + packets);
            packets++;
        } catch (ClipException e) {
            failure = e;
        } finally {
            av_packet_free(pkt);
        }
    }

    private void throwFailure() throws ClipException {
        if (failure != null) {
            ClipException e = failure;
            failure = null;
            throw e;
        }
    }

    /** Timestamps changed so far to keep the file muxable (camera clock steps back, jitter). */
    @Override
    public long timestampCorrections() {
        return dts.corrections();
    }

    /** Packets written to the file so far (a few are held back until the decode order is known). */
    public long packets() {
        return packets;
    }

    public Path file() {
        return file;
    }

    /** Writes what is held back and the trailer, and closes the file. */
    @Override
    public void close() throws ClipException {
        if (closed) {
            return;
        }
        closed = true;
        dts.flush();
        int ret = av_write_trailer(context);
        release();
        throwFailure();
        check(ret, file, "write trailer");
    }

    private void release() {
        avio_closep(context.pb());
        avformat_free_context(context);
    }

    private static void check(int ret, Path file, String what) throws ClipException {
        if (ret < 0) {
            byte[] buf = new byte[256];
            av_make_error_string(buf, buf.length, ret);
            String reason = new String(buf, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
            throw new ClipException(file + ": cannot " + what + ": " + reason);
        }
    }

    private record Packet(byte[] data, boolean key) {
    }
}
