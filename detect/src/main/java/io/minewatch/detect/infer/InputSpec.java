package io.minewatch.detect.infer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code input:} block of a model card: how a frame becomes the network's input tensor.
 *
 * @param name       the ONNX input name (YOLOX: {@code images})
 * @param width      tensor width in pixels
 * @param height     tensor height in pixels
 * @param pixelOrder channel order of the tensor, {@code BGR} or {@code RGB}
 * @param scale      factor applied to raw 0–255 values (YOLOX: 1.0, no mean/std)
 * @param letterbox  where the resized frame sits on the canvas; only {@code top-left} today
 * @param padValue   grey level (0–255) of the canvas around the frame
 */
public record InputSpec(
        @JsonProperty("name") String name,
        @JsonProperty("width") int width,
        @JsonProperty("height") int height,
        @JsonProperty("pixel_order") String pixelOrder,
        @JsonProperty("scale") float scale,
        @JsonProperty("letterbox") String letterbox,
        @JsonProperty("pad_value") int padValue) {

    /** Largest accepted tensor side; bounds the buffers a card can make us allocate. */
    static final int MAX_SIDE = 4096;

    public InputSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("input.name: must not be empty");
        }
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
            throw new IllegalArgumentException("input.width/height: must be 1.." + MAX_SIDE
                    + ", got " + width + "x" + height);
        }
        if (!"BGR".equals(pixelOrder) && !"RGB".equals(pixelOrder)) {
            throw new IllegalArgumentException("input.pixel_order: must be BGR or RGB, got " + pixelOrder);
        }
        if (!(scale > 0f) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("input.scale: must be a positive number, got " + scale);
        }
        if (!"top-left".equals(letterbox)) {
            throw new IllegalArgumentException("input.letterbox: only top-left is supported, got " + letterbox);
        }
        if (padValue < 0 || padValue > 255) {
            throw new IllegalArgumentException("input.pad_value: must be 0..255, got " + padValue);
        }
    }

    /** Whether the tensor wants red first, so the BGR frame's channels must be swapped. */
    public boolean rgb() {
        return "RGB".equals(pixelOrder);
    }
}
