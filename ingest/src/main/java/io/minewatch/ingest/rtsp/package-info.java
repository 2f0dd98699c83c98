/**
 * RTSP on Netty: the {@code $}-interleaved frame demux, SDP, authentication and the client session
 * (OPTIONS, DESCRIBE, SETUP, PLAY, keep-alive, TEARDOWN) over TCP interleaving or UDP.
 */
package io.minewatch.ingest.rtsp;
