/**
 * Training support on the Java side: {@link io.minewatch.tools.train.ClipDataset} turns labelled clips
 * (labels/*.labels with boxes) into a YOLO detection dataset for {@code scripts/train}. The trainer
 * itself is Python (tools/train, Debian's python3-torch).
 */
package io.minewatch.tools.train;
