package io.minewatch.alerts.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.outbox.OutboundMessage;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.UUID;

/**
 * The one encoder of outbound payloads: snake_case JSON with {@code schema} and a fresh {@code msg_id}
 * first, on the payload's own topic. A payload nested in another (the alert in a routed alert) gets its
 * own {@code schema} and {@code msg_id} too.
 */
public final class PayloadEncoder {

    private static final ObjectMapper MAPPER = AlertJson.mapper();
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Topics topics;

    /** An encoder for the topics under one prefix. */
    public PayloadEncoder(Topics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /** The topics payloads go to. */
    public Topics topics() {
        return topics;
    }

    /** A fresh message id (UUID). */
    public static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The payload as an outbox message on its topic, with a fresh {@code msg_id}.
     *
     * @param alertId the alert it belongs to, or null
     * @throws IllegalArgumentException if an id that goes into the topic cannot be a topic level
     */
    public OutboundMessage message(OutboundPayload payload, String alertId) {
        String msgId = newMessageId();
        return new OutboundMessage(msgId, payload.metricKind(), payload.topic(topics), json(payload, msgId),
                payload.retained(), alertId);
    }

    /** The payload's JSON bytes with this {@code msg_id} (a payload published outside the outbox). */
    public static byte[] json(OutboundPayload payload, String msgId) {
        try {
            return MAPPER.writeValueAsBytes(tree(payload, msgId));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }

    /** The payload's JSON tree: {@code schema}, {@code msg_id}, then its fields. */
    public static ObjectNode tree(OutboundPayload payload, String msgId) {
        ObjectNode fields = MAPPER.valueToTree(payload);
        for (RecordComponent c : payload.getClass().getRecordComponents()) {
            if (OutboundPayload.class.isAssignableFrom(c.getType())) {
                Object nested = value(c, payload);
                if (nested != null) {
                    fields.set(SNAKE.translate(c.getName()), tree((OutboundPayload) nested, newMessageId()));
                }
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("schema", payload.schema());
        out.put("msg_id", Objects.requireNonNull(msgId, "msgId"));
        fields.remove("schema");
        fields.remove("msg_id");
        out.setAll(fields);
        return out;
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of "
                    + record.getClass().getSimpleName(), e);
        }
    }
}
