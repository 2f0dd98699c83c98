/** The record path's clips: access units written to fragmented MP4 by stream copy. */
package io.minewatch.ingest.clip;
