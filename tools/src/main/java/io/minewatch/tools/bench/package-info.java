/** Benchmarks behind BENCHMARKS.md ({@code scripts/bench-detect}, {@code scripts/bench-ingest}, {@code scripts/bench-alerts}). */
package io.minewatch.tools.bench;
