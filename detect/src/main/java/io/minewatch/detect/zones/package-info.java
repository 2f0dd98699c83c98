/** Zones, masks and schedules of a camera: normalised polygons with a kind, and time windows. */
package io.minewatch.detect.zones;
