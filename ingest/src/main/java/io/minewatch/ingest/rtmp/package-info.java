/**
 * The RTMP publish server: drones and encoders publish H.264 in FLV video tags to
 * {@code rtmp://host:port/live/<camera id>}; the access units go into the camera's pre-roll ring like
 * RTSP-pushed ones (handshake, chunk streams, AMF0 commands, FLV/AVC unpacking).
 */
package io.minewatch.ingest.rtmp;
