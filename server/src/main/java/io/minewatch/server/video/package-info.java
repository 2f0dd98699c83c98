/**
 * Live video in the browser: per camera one fragmented-MP4 muxer over its pre-roll ring, shared by
 * every viewer of that camera, sent over the WebSocket {@code /api/v1/cameras/{id}/video}.
 */
package io.minewatch.server.video;
