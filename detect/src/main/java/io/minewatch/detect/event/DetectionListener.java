package io.minewatch.detect.event;

/** Receives detection events; called from a camera's detect thread, so it must not block for long. */
@FunctionalInterface
public interface DetectionListener {
    void onEvent(DetectionEvent event);
}
