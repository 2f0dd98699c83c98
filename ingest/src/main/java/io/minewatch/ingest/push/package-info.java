/** The RTSP server for pushed streams (ANNOUNCE / SETUP / RECORD over TCP interleaving). */
package io.minewatch.ingest.push;
