package io.minewatch.detect.decode;

import java.lang.reflect.Field;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Reaches the decoded picture a {@link FFmpegFrameGrabber} holds after a grab without processing.
 *
 * <p>JavaCV 1.5.13 converts every frame to BGR unless told not to, and then hands back no picture
 * at all. Converting only the frames due for detection saves most of the conversion cost, so this
 * reads the grabber's private {@code picture} field. It goes when the detect path decodes access
 * units itself (avcodec, Netty ingest).
 */
final class DecodedPicture {
    private static final Field PICTURE = find();

    private DecodedPicture() {
    }

    private static Field find() {
        try {
            Field f = FFmpegFrameGrabber.class.getDeclaredField("picture");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("this JavaCV has no FFmpegFrameGrabber.picture: " + e);
        }
    }

    /** The frame decoded by the last grab, owned by the grabber (valid until the next grab). */
    static AVFrame of(FFmpegFrameGrabber grabber) {
        try {
            return (AVFrame) PICTURE.get(grabber);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
