/**
 * RTP for video: packet and RTCP sender-report parsing, and H.264 / H.265 depacketizing into
 * {@link io.minewatch.ingest.rtp.AccessUnit access units} in owned memory.
 */
package io.minewatch.ingest.rtp;
