package io.minewatch.ingest.clip;

import io.minewatch.ingest.rtp.VideoCodec;
import java.nio.file.Path;

/**
 * What the clip recorder writes access units to ({@link Mp4ClipWriter}); one per clip, on the clip
 * thread.
 */
public interface ClipWriter extends AutoCloseable {

    /** Opens the writer of a clip at its first key frame. */
    @FunctionalInterface
    interface Opener {
        /**
         * @param parameterSets the stream's parameter sets in Annex-B form
         * @param width         coded width in pixels
         * @param height        coded height in pixels
         */
        ClipWriter open(Path file, VideoCodec codec, byte[] parameterSets,
                        int width, int height) throws ClipException;
    }

    /** Adds one access unit (Annex-B) presented at {@code pts} (90 kHz). */
    void write(byte[] accessUnit, long pts, boolean keyFrame) throws ClipException;

    /** Timestamps changed so far to keep the file muxable. */
    long timestampCorrections();

    /** Writes what is held back and closes the file. */
    @Override
    void close() throws ClipException;
}
