package io.minewatch.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.minewatch.config.Redact;

/**
 * Logback's {@code %msg} with every credential and remembered secret masked ({@link Redact#text(String)}),
 * whatever a library put in the message: the last net under every log line of the server.
 */
public final class RedactedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redact.text(super.convert(event));
    }
}
