package io.minewatch.alerts.clips;

import java.time.Duration;
import java.util.Map;

/**
 * How long and how much clips are kept.
 *
 * @param maxAge          clips older than this go (default 30 days)
 * @param totalQuotaBytes all clips together stay under this (0 = no quota)
 * @param cameraQuota     per-camera byte quotas (absent = none)
 * @param minFreeBytes    below this much free disk, oldest closed clips go and {@code storage_low} fires
 */
public record RetentionPolicy(Duration maxAge, long totalQuotaBytes, Map<String, Long> cameraQuota,
                              long minFreeBytes) {

    public RetentionPolicy {
        cameraQuota = Map.copyOf(cameraQuota);
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(30), 0, Map.of(), 2L * 1024 * 1024 * 1024);
    }
}
