package io.minewatch.alerts.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.escalation.AckParser;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.schema.Topics;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acks that arrive over MQTT, on the alerts desk's thread: the sender is the official the topic names
 * (the broker's login), never the payload's {@code official}; a payload naming someone else is refused
 * as forged. Accepted acks go through the same {@link CaseWriter} path as HTTP acks.
 */
final class MqttAcks {
    /** The desk's logger: these lines are the desk's, as they were before this class was split out. */
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final Topics topics;
    private final CaseWriter writer;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicLong acks;

    MqttAcks(Topics topics, CaseWriter writer, MeterRegistry registry, Clock clock, AtomicLong acks) {
        this.topics = topics;
        this.writer = writer;
        this.registry = registry;
        this.clock = clock;
        this.acks = acks;
    }

    /** Validates and applies one message of an ack topic; counts it by result. */
    void apply(String topic, byte[] payload) {
        Topics.AckTopic at = topics.parseAck(topic);
        String result;
        try {
            if (at == null) {
                result = "malformed";
                log.warn("ack on {} rejected: not an ack topic", topic);
            } else if (at.official() == null) {
                // The old topic cannot say who sent the ack, and the payload's word is not proof.
                result = AlertMetrics.ACK_NO_OFFICIAL;
                log.warn("ack on {} refused: the topic does not name the sender; acks go to {}", topic,
                        topics.ack("<alert>", "<official>"));
            } else {
                result = ack(at, AckParser.parse(at.alert(), payload));
            }
        } catch (AckParser.Rejected e) {
            result = "malformed";
            log.warn("ack on {} rejected: {}", topic, e.getMessage());
        } catch (RuntimeException e) {
            result = "error";
            log.error("ack on {} failed: {}", topic, e.toString());
        }
        registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, result).increment();
    }

    /** Applies a well-formed ack from the official its topic names (the broker's login). */
    private String ack(Topics.AckTopic at, Payloads.Ack ack) {
        String alertId = at.alert();
        String sender = at.official();
        if (!ack.official().equals(sender)) {
            CaseWriter.AckResult r = writer.refuse(alertId, sender, ack.action() + ": payload names "
                    + ack.official() + " but " + sender + " sent it", clock.millis());
            log.warn("alert {}: {} sent by {} refused: the payload names {}{}", alertId, ack.action(), sender,
                    ack.official(), r == CaseWriter.AckResult.UNKNOWN_ALERT ? " (no such alert)" : "");
            return AlertMetrics.ACK_FORGED;
        }
        CaseWriter.AckResult r = writer.ack(ack, clock.millis());
        switch (r) {
            case ACCEPTED -> {
                acks.incrementAndGet();
                log.info("alert {}: {} by {}", alertId, ack.action(), sender);
            }
            case REFUSED -> log.warn("alert {}: {} from {} refused: the alert is not routed to them", alertId,
                    ack.action(), sender);
            default -> log.warn("alert {}: ack from {} refused: no such alert", alertId, sender);
        }
        return r.name().toLowerCase(java.util.Locale.ROOT);
    }
}
