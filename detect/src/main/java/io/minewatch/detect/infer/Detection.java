package io.minewatch.detect.infer;

/**
 * One object the detector found in one frame.
 *
 * @param classId  the model's class index
 * @param label    the model's class name (e.g. "truck")
 * @param category the category the model card maps the class to (e.g. {@link Category#HEAVY_VEHICLE})
 * @param score    confidence in [0, 1] (YOLOX: objectness x class probability)
 * @param box      where, in source-frame pixels
 */
public record Detection(int classId, String label, Category category, float score, Box box) {
}
