/**
 * Event snapshots (the confirming frame with boxes drawn, written as JPEG) and each camera's latest
 * frame, encoded as JPEG on request.
 */
package io.minewatch.detect.snapshot;
