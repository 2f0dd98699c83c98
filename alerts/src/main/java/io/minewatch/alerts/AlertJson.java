package io.minewatch.alerts;

import io.minewatch.alerts.schema.Alert;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of an {@link Alert}: snake_case field names, {@code time} as an ISO-8601 UTC string.
 *
 * <p>One shared, configured mapper (thread-safe once built). Payloads are written only by
 * {@link io.minewatch.alerts.schema.PayloadEncoder} (which stamps {@code schema} and {@code msg_id});
 * reading is for the stored case payloads, tests and consumers of the topic, and is tolerant of fields
 * a later schema adds.
 */
public final class AlertJson {

    /** Largest payload {@link #parse(byte[])} accepts; an alert is well under 1 KiB. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Consumers must survive fields added by a later schema version; the schema field says which.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("minewatch-instant")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .build();

    private AlertJson() {
    }

    /** The shared mapper (snake_case, ISO-8601 instants), for the other payloads of the alerts module. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads an alert payload.
     *
     * @throws IllegalArgumentException if the payload is larger than {@value #MAX_PAYLOAD_BYTES}
     *                                  bytes or is not an alert
     */
    public static Alert parse(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("alert payload of " + payload.length
                    + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        try {
            return MAPPER.readValue(payload, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an alert payload: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an alert payload: " + e.getMessage(), e);
        }
    }

    /** Writes an instant as ISO-8601 in UTC, e.g. {@code 2024-05-01T06:30:12.250Z}. */
    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Reads an ISO-8601 instant written by {@link InstantSerializer}. */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return text == null ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "not an ISO-8601 instant");
            }
        }
    }
}
