package io.minewatch.detect.event;

import java.util.List;

/** Receives detection events; called from a camera's detect thread, so it must not block for long. */
@FunctionalInterface
public interface DetectionListener {
    void onEvent(DetectionEvent event);

    /**
     * The reported objects' points of one detect frame (see {@code DetectStage}), after the frame's
     * events. Called on the camera's detect thread: must hand off and return, never block. Ignored by default.
     */
    default void onTrack(List<TrackPoint> points) {
    }
}
