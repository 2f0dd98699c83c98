package io.minewatch.config;

import java.time.Duration;
import java.util.Map;

/**
 * Alert clips and their retention ({@code storage.clips}).
 *
 * @param pre              pre-roll before an alert's start (default 10 s)
 * @param post             post-roll after its end (default 20 s)
 * @param maxAge           clips older than this are deleted (default 30 days)
 * @param quotaBytes       all clips together stay under this; 0 = no quota (default 0)
 * @param cameraQuotaBytes per-camera quotas, by camera id
 * @param minFreeBytes     below this much free disk, oldest closed clips go and storage_low fires (default 2 GiB)
 * @param retentionEvery   how often retention runs (default 60 s)
 */
public record ClipsConfig(Duration pre, Duration post, Duration maxAge, long quotaBytes,
                          Map<String, Long> cameraQuotaBytes, long minFreeBytes, Duration retentionEvery) {

    public static final ClipsConfig DEFAULT = new ClipsConfig(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofDays(30), 0, Map.of(), 2L << 30, Duration.ofSeconds(60));

    public ClipsConfig {
        cameraQuotaBytes = Map.copyOf(cameraQuotaBytes);
    }
}
