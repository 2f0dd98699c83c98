/**
 * Fragmented MP4 for live video in the browser (Media Source Extensions): an init segment from the
 * stream's parameter sets and one media segment per access unit, by stream copy from the pre-roll ring.
 */
package io.minewatch.ingest.fmp4;
