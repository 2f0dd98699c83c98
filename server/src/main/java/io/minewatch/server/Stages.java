package io.minewatch.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been built so far, closed in reverse order: the root's list of stages, and each
 * assembler's list of parts while it builds (a failure closes what was built and rethrows).
 */
final class Stages implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Stages.class);

    /** One assembly step that adds what it builds to {@code built}. */
    @FunctionalInterface
    interface Assembly<T> {
        T build(Stages built) throws Exception;
    }

    private final Deque<AutoCloseable> built = new ArrayDeque<>();

    /**
     * Runs an assembly; if it fails, closes in reverse order what it had built and rethrows.
     */
    static <T> T assemble(Assembly<T> assembly) throws Exception {
        Stages built = new Stages();
        try {
            return assembly.build(built);
        } catch (Exception | Error e) {
            built.close();
            throw e;
        }
    }

    /** Closes each in the order given, logging (not throwing) a failure and going on with the next. */
    static void closeInOrder(AutoCloseable... components) {
        for (AutoCloseable c : components) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Adds a component; it is closed before everything added earlier. */
    <T extends AutoCloseable> T add(T component) {
        built.push(component);
        return component;
    }

    /** Closes everything added, last added first. Idempotent. */
    @Override
    public synchronized void close() {
        while (!built.isEmpty()) {
            closeInOrder(built.pop());
        }
    }
}
