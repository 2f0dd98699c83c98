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

    /** {@code {"type":"live","seq":n}}: caught up; n is where the feed stands (resume with after=n). */
    static byte[] live(long seq) {
        return ("{\"type\":\"live\",\"seq\":" + seq + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {"type":"reset","seq":n}}: what was asked for is no longer kept; n is the oldest kept. */
    static byte[] reset(long oldest) {
        return ("{\"type\":\"reset\",\"seq\":" + oldest + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
