/**
 * The neural detector: model cards, preprocessing, output decoding and the DJL / ONNX Runtime runner.
 *
 * <p>A {@link io.minewatch.detect.infer.ModelCard} ({@code models/<name>/model.yaml}) says everything
 * about a model; {@link io.minewatch.detect.infer.DjlModel} loads it once and hands out one
 * {@link io.minewatch.detect.infer.ObjectDetector} per worker thread. Frames go through
 * {@link io.minewatch.detect.infer.Letterbox}, ONNX Runtime, then an
 * {@link io.minewatch.detect.infer.OutputDecoder} ({@link io.minewatch.detect.infer.YoloxDecoder} for
 * the default YOLOX-nano) with per-class {@link io.minewatch.detect.infer.Nms}. All maths after the
 * network runs in Java: DJL's ONNX Runtime engine has no NDArray operators.
 */
package io.minewatch.detect.infer;
