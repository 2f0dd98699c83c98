package io.minewatch.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages the server sends a publisher: protocol control (window size, peer bandwidth), user
 * control (stream begin, ping response), command results and errors, and onStatus, on the chunk streams
 * publishers expect (2: control, 3: connection commands, 5: stream status).
 */
final class RtmpReplies {
    /** The message stream id createStream hands out (one stream per connection). */
    static final int STREAM_ID = 1;
    /** The window we ask the publisher to acknowledge, and tell as our peer bandwidth. */
    static final int WINDOW = 2_500_000;
    private static final int CONTROL_CS = 2;
    private static final int COMMAND_CS = 3;
    private static final int STATUS_CS = 5;

    private RtmpReplies() {
    }

    static RtmpMessage windowAckSize(ByteBufAllocator a) {
        return new RtmpMessage(CONTROL_CS, RtmpMessage.WINDOW_ACK_SIZE, 0, 0, a.buffer(4).writeInt(WINDOW));
    }

    static RtmpMessage peerBandwidth(ByteBufAllocator a) {
        return new RtmpMessage(CONTROL_CS, RtmpMessage.SET_PEER_BANDWIDTH, 0, 0,
                a.buffer(5).writeInt(WINDOW).writeByte(2));
    }

    /** User control: Stream Begin for a stream id. */
    static RtmpMessage streamBegin(ByteBufAllocator a, int streamId) {
        return new RtmpMessage(CONTROL_CS, RtmpMessage.USER_CONTROL, 0, 0, a.buffer(6).writeShort(0).writeInt(streamId));
    }

    /** User control: Ping Response carrying the request's timestamp. */
    static RtmpMessage pong(ByteBufAllocator a, int timestamp) {
        return new RtmpMessage(CONTROL_CS, RtmpMessage.USER_CONTROL, 0, 0, a.buffer(6).writeShort(7).writeInt(timestamp));
    }

    /** The answer to connect: server properties and NetConnection.Connect.Success. */
    static RtmpMessage connected(ByteBufAllocator a, double txid) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fmsVer", "FMS/3,0,1,123");
        props.put("capabilities", 31.0);
        Map<String, Object> info = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        return command(a, COMMAND_CS, 0, "_result", txid, props, info);
    }

    /** A command's {@code _result} with one value after the null command object. */
    static RtmpMessage result(ByteBufAllocator a, double txid, Object value) {
        return command(a, COMMAND_CS, 0, "_result", txid, null, value);
    }

    /** A command's {@code _error}. */
    static RtmpMessage error(ByteBufAllocator a, double txid, String code, String description) {
        return command(a, COMMAND_CS, 0, "_error", txid, null, status("error", code, description));
    }

    /** onStatus on the published stream: level status or error. */
    static RtmpMessage onStatus(ByteBufAllocator a, String level, String code, String description) {
        return command(a, STATUS_CS, STREAM_ID, "onStatus", 0.0, null, status(level, code, description));
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        return m;
    }

    private static RtmpMessage command(ByteBufAllocator a, int cs, int streamId, Object... values) {
        ByteBuf b = a.buffer(256);
        Amf0.write(b, values);
        return new RtmpMessage(cs, RtmpMessage.COMMAND_AMF0, streamId, 0, b);
    }
}
