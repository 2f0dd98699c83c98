/**
 * Motion gating: a cheap detector on a downscaled grey frame decides whether, and where, the
 * neural detector runs ({@link io.minewatch.detect.motion.MotionDetector},
 * {@link io.minewatch.detect.motion.RegionPlanner}).
 */
package io.minewatch.detect.motion;
