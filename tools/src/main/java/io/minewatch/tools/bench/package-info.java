/** Benchmarks behind BENCHMARKS.md ({@code scripts/bench-detect}, {@code scripts/bench-ingest}, {@code scripts/bench-alerts}, {@code scripts/bench-live-video}). */
package io.minewatch.tools.bench;
