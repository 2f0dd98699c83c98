/**
 * The cameras as API v1 shows them: availability (from the same status changes the server publishes
 * on MQTT), transport, codec, last frame, detect rate, drops, and the latest frame as JPEG.
 */
package io.minewatch.server.cameras;
