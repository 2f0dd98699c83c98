package io.minewatch.detect.infer;

/**
 * A rectangle of the frame the detector looks at, in whole pixels.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width
 * @param height height
 */
public record Region(int x, int y, int width, int height) {
    public long area() {
        return (long) width * height;
    }
}
