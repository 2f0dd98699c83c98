/**
 * What the detector saw, per alert: the track points of the alert's objects, collected on the alerts
 * desk's thread ({@link io.minewatch.alerts.track.TrackBook}), bounded per alert, written in batches
 * ({@link io.minewatch.alerts.track.TrackStore}) and read back against the alert's clip
 * ({@link io.minewatch.alerts.track.AlertTracks}).
 */
package io.minewatch.alerts.track;
