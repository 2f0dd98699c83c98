package io.minewatch.detect.infer;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Letterboxes a BGR frame into a planar float tensor, exactly as YOLOX's {@code preproc}.
 *
 * <p>{@code r = min(H'/H, W'/W)}; the frame is resized bilinearly to {@code (int(W*r), int(H*r))},
 * placed at the top-left of a {@code W'×H'} canvas of {@code padValue} grey, and written out as CHW
 * floats (raw 0–255 times {@code scale}) in BGR or RGB order. Pixels leave native memory in one bulk
 * copy, never one JNI call per pixel.
 *
 * <p>Not thread-safe: an instance reuses its buffers, so the returned tensor is overwritten by the
 * next call. Use one per worker.
 */
public final class Letterbox {

    /**
     * One letterboxed frame.
     *
     * @param chw         the tensor, {@code 3 × height × width} floats, channel planes in order
     * @param ratio       the resize factor {@code r}: a tensor coordinate divided by it is a source one
     * @param imageWidth  the source frame's width
     * @param imageHeight the source frame's height
     */
    public record Result(float[] chw, float ratio, int imageWidth, int imageHeight) {
    }

    private final int width;
    private final int height;
    private final int padValue;
    private final boolean rgb;
    private final float scale;
    private final byte[] pixels;
    private final float[] chw;

    /** A letterbox for a card's {@code input:} block. */
    public Letterbox(InputSpec spec) {
        this(spec.width(), spec.height(), spec.padValue(), spec.rgb(), spec.scale());
    }

    /**
     * A letterbox onto a {@code width × height} canvas.
     *
     * @param padValue grey level of the canvas, 0–255
     * @param rgb      write the red plane first instead of blue
     * @param scale    factor applied to each raw 0–255 value
     */
    public Letterbox(int width, int height, int padValue, boolean rgb, float scale) {
        if (width < 1 || height < 1 || width > InputSpec.MAX_SIDE || height > InputSpec.MAX_SIDE) {
            throw new IllegalArgumentException("letterbox size out of range: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.padValue = padValue;
        this.rgb = rgb;
        this.scale = scale;
        this.pixels = new byte[width * height * 3];
        this.chw = new float[width * height * 3];
    }

    /**
     * Letterboxes one frame.
     *
     * @param image an 8-bit frame: BGR, or grey / BGRA which are converted first
     * @throws IllegalArgumentException when the frame is empty or not 8-bit with 1, 3 or 4 channels
     */
    public Result apply(Mat image) {
        if (image == null || image.isNull() || image.empty() || image.depth() != CV_8U) {
            throw new IllegalArgumentException("expected a non-empty 8-bit image");
        }
        int channels = image.channels();
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("expected 1, 3 or 4 channels, got " + channels);
        }
        int w = image.cols();
        int h = image.rows();
        double r = Math.min((double) height / h, (double) width / w);
        int nw = Math.max(1, Math.min(width, (int) (w * r)));
        int nh = Math.max(1, Math.min(height, (int) (h * r)));
        try (Mat bgr = new Mat();
             Mat resized = new Mat();
             Mat canvas = new Mat();
             Size size = new Size(nw, nh);
             Scalar pad = new Scalar(padValue, padValue, padValue, 0)) {
            Mat src = image;
            if (channels != 3) {
                cvtColor(image, bgr, channels == 1 ? COLOR_GRAY2BGR : COLOR_BGRA2BGR);
                src = bgr;
            }
            resize(src, resized, size, 0, 0, INTER_LINEAR);
            copyMakeBorder(resized, canvas, 0, height - nh, 0, width - nw, BORDER_CONSTANT, pad);
            // copyMakeBorder writes a fresh, continuous W'xH'x3 buffer: one bulk copy out.
            canvas.data().get(pixels, 0, pixels.length);
        }
        toPlanarFloats();
        return new Result(chw, (float) r, w, h);
    }

    private void toPlanarFloats() {
        int plane = width * height;
        // Source is interleaved B,G,R; plane p of the tensor takes source channel c(p).
        int c0 = rgb ? 2 : 0;
        int c2 = rgb ? 0 : 2;
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            chw[i] = (pixels[j + c0] & 0xFF) * scale;
            chw[plane + i] = (pixels[j + 1] & 0xFF) * scale;
            chw[2 * plane + i] = (pixels[j + c2] & 0xFF) * scale;
        }
    }
}
