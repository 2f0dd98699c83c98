package io.minewatch.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.minewatch.config.Redact;

/**
 * Logback's {@code %ex}: the stack trace of a logged exception with every credential and remembered
 * secret masked in its messages and those of its causes ({@link Redact#text(String)}).
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Redact.text(super.throwableProxyToString(tp));
    }
}
