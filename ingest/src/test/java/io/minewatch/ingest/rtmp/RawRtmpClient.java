package io.minewatch.ingest.rtmp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A publisher over a real socket, for attack tests: handshake, connect, createStream, publish, and the answer. */
final class RawRtmpClient implements AutoCloseable {
    private final Socket socket;
    private final EmbeddedChannel reader = new EmbeddedChannel(new RtmpChunkDecoder());
    private final RtmpTestWriter writer = new RtmpTestWriter();

    RawRtmpClient(int port, int timeoutMs) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMs);
        byte[] hs = RtmpTestWriter.handshake(new Random());
        socket.getOutputStream().write(hs, 0, 1537);
        byte[] s = socket.getInputStream().readNBytes(3073);
        if (s.length != 3073) {
            throw new IOException("short handshake answer: " + s.length);
        }
        socket.getOutputStream().write(s, 1, 1536);
    }

    /**
     * Publishes to {@code live/<key>} and returns the onStatus code with its description
     * ("code: description"), or "closed" when the server closed without one.
     */
    String publish(String key) throws IOException {
        try {
            var out = socket.getOutputStream();
            out.write(writer.command(3, 0, "connect", 1.0, Map.of("app", "live", "tcUrl", "rtmp://127.0.0.1/live")));
            out.write(writer.command(3, 0, "createStream", 2.0, null));
            out.write(writer.command(8, 1, "publish", 3.0, null, key, "live"));
            out.flush();
        } catch (IOException e) {
            return "closed";
        }
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return "timeout";
            } catch (IOException e) {
                return "closed";
            }
            if (n < 0) {
                return "closed";
            }
            reader.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
            for (Object o; (o = reader.readInbound()) != null; ) {
                RtmpMessage m = (RtmpMessage) o;
                try {
                    if (m.type() == RtmpMessage.COMMAND_AMF0) {
                        List<Object> v = Amf0.readAll(m.content());
                        if ("onStatus".equals(v.get(0))) {
                            Map<?, ?> info = (Map<?, ?>) v.get(3);
                            return info.get("code") + ": " + info.get("description");
                        }
                    }
                } finally {
                    m.release();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.finishAndReleaseAll();
        socket.close();
    }
}
