package io.minewatch.server.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.minewatch.alerts.outbox.Committed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON text frames of the live feed. */
final class Frames {
    private static final JsonFactory JSON = new JsonFactory();

    private Frames() {
    }

    /** {@code {"seq":n,"type":"<kind>","topic":"...","payload":{...}}}, the payload as published. */
    static byte[] message(Committed c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.payload().length + c.topic().length() + 64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", c.seq());
            g.writeStringField("type", c.kind());
            g.writeStringField("topic", c.topic());
            g.writeFieldName("payload");
            g.writeRawValue(new String(c.payload(), StandardCharsets.UTF_8));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The whole WebSocket text frame of a JSON text as it goes on the wire from a server (FIN, text,
     * unmasked, no extensions): the same bytes for every client, so it is encoded once per message
     * and written to each client's channel as it is.
     */
    static byte[] wire(byte[] json) {
        int n = json.length;
        int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        byte[] out = new byte[header + n];
        out[0] = (byte) 0x81;
        if (n < 126) {
            out[1] = (byte) n;
        } else if (n < 65_536) {
            out[1] = 126;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(json, 0, out, header, n);
        return out;
    }

    /** {@code {"type":"live","seq":n}}: caught up; n is where the feed stands (resume with after=n). */
    static byte[] live(long seq) {
        return ("{\"type\":\"live\",\"seq\":" + seq + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {"type":"reset","seq":n}}: what was asked for is no longer kept; n is the oldest kept. */
    static byte[] reset(long oldest) {
        return ("{\"type\":\"reset\",\"seq\":" + oldest + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
