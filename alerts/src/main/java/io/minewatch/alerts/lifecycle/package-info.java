/**
 * Alert lifecycle: detection events of a camera and rule become one alert per activity period —
 * {@code new}, then {@code update} on better evidence, then {@code end} after the gap — with cooldown,
 * suppression windows, and no re-raise for an object that has not moved.
 */
package io.minewatch.alerts.lifecycle;
