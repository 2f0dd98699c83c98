/**
 * Positions on the ground: where a detection is ({@link io.minewatch.detect.geo.GeoFix}), how a
 * drone's pose places a box on flat ground, and which site's boundary holds a point.
 */
package io.minewatch.detect.geo;
