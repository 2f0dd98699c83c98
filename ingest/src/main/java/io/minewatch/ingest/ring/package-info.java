/** The per-camera pre-roll ring of access units, shared by the decoder and the clip writer without copies. */
package io.minewatch.ingest.ring;
