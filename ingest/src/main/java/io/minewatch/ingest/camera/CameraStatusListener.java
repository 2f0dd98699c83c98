package io.minewatch.ingest.camera;

/**
 * Hears camera availability changes. Called on the camera's event loop: implementations hand the
 * work on (an asynchronous publish) and never block.
 */
@FunctionalInterface
public interface CameraStatusListener {
    void statusChanged(CameraStatus status);
}
