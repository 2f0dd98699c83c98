package io.minewatch.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTMP message, reassembled from its chunks (or to be split into chunks): its type, message stream
 * id, timestamp in milliseconds (32 bits) and payload. The payload belongs to whoever holds the message:
 * the handler that consumes it releases it.
 */
final class RtmpMessage extends DefaultByteBufHolder {
    /** Protocol control: Set Chunk Size. */
    static final int SET_CHUNK_SIZE = 1;
    /** Protocol control: Abort Message. */
    static final int ABORT = 2;
    /** Protocol control: Acknowledgement. */
    static final int ACK = 3;
    /** User Control Message (stream begin, ping). */
    static final int USER_CONTROL = 4;
    /** Protocol control: Window Acknowledgement Size. */
    static final int WINDOW_ACK_SIZE = 5;
    /** Protocol control: Set Peer Bandwidth. */
    static final int SET_PEER_BANDWIDTH = 6;
    /** Audio (FLV audio tag body). */
    static final int AUDIO = 8;
    /** Video (FLV video tag body). */
    static final int VIDEO = 9;
    /** Data message in AMF3 (a marker byte, then AMF0 here). */
    static final int DATA_AMF3 = 15;
    /** Command message in AMF3 (a marker byte, then AMF0 here). */
    static final int COMMAND_AMF3 = 17;
    /** Data message in AMF0 ({@code @setDataFrame}, {@code onMetaData}). */
    static final int DATA_AMF0 = 18;
    /** Command message in AMF0 ({@code connect}, {@code publish}, ...). */
    static final int COMMAND_AMF0 = 20;

    private final int chunkStream;
    private final int type;
    private final int streamId;
    private final long timestamp;

    RtmpMessage(int chunkStream, int type, int streamId, long timestamp, ByteBuf payload) {
        super(payload);
        this.chunkStream = chunkStream;
        this.type = type;
        this.streamId = streamId;
        this.timestamp = timestamp;
    }

    /** The chunk stream it came on (or goes out on). */
    int chunkStream() {
        return chunkStream;
    }

    int type() {
        return type;
    }

    int streamId() {
        return streamId;
    }

    /** Milliseconds, 0..2^32-1 (wraps). */
    long timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "RtmpMessage[type " + type + ", stream " + streamId + ", ts " + timestamp + ", "
                + content().readableBytes() + " bytes]";
    }
}
