/** Benchmarks run by scripts/bench-alerts (not unit tests: they have main methods and print results). */
package io.minewatch.server.bench;
