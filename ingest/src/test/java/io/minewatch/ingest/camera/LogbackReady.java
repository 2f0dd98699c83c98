package io.minewatch.ingest.camera;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Logback's context once SLF4J has finished starting. Some tests of this module run alongside others
 * ({@code @Execution(CONCURRENT)}); while one thread is still initialising SLF4J, another is handed
 * substitute loggers, which a test attaching a Logback appender cannot use.
 */
final class LogbackReady {
    private LogbackReady() {
    }

    static LoggerContext context() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SLF4J did not bind to Logback: " + LoggerFactory.getILoggerFactory());
            }
            Thread.sleep(10);
        }
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
