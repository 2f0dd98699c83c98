package io.minewatch.detect.decode;

/**
 * Decoded frames of one camera at its detect rate and size. A plug-in point: files and RTSP
 * through FFmpeg now, access units from the Netty ingest later.
 */
public interface FrameSource extends AutoCloseable {

    /** Opens the stream; the message of a failure names the source with credentials masked. */
    void open() throws SourceException;

    /**
     * Blocks until the next frame due for detection and returns it, or returns null at the end of
     * a stream that does not loop. The caller owns the frame.
     */
    SampledFrame next() throws SourceException;

    /** Frames decoded so far, picked or not. */
    long framesDecoded();

    @Override
    void close();
}
