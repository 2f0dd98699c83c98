package io.minewatch.alerts.clips;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.evidence.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes clips by age, by per-camera and total quota, and when the disk runs low — oldest closed
 * clips first. Clips of open or escalated alerts are never deleted. When only protected clips are
 * left and the disk is still low, recording should degrade ({@link #storageLow()}) and one
 * {@code storage_low} notice goes out per low spell. Each deletion is an audit entry.
 *
 * <p>{@link #runOnce()} is called periodically from one thread (the server schedules it).
 */
public final class ClipRetention {
    private static final Logger log = LoggerFactory.getLogger(ClipRetention.class);

    private final ClipStore store;
    private final RetentionPolicy policy;
    private final Predicate<String> protectedAlert;
    private final LongSupplier freeBytes;
    private final AuditLog audit;
    private final Clock clock;
    private final Runnable onStorageLow;
    private final Counter deleted;
    private final AtomicBoolean low = new AtomicBoolean();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param protectedAlert true for alert ids whose clips must stay (open or escalated alerts)
     * @param freeBytes      free space on the storage disk
     * @param onStorageLow   called once when the disk stays low with nothing left to delete
     */
    public ClipRetention(ClipStore store, RetentionPolicy policy, Predicate<String> protectedAlert,
                         LongSupplier freeBytes, AuditLog audit, Clock clock, Runnable onStorageLow,
                         MeterRegistry registry) {
        this.store = store;
        this.policy = policy;
        this.protectedAlert = protectedAlert;
        this.freeBytes = freeBytes;
        this.audit = audit;
        this.clock = clock;
        this.onStorageLow = onStorageLow;
        this.deleted = Counter.builder("clips.deleted").register(registry);
        Gauge.builder("clips.storage.low", low, b -> b.get() ? 1 : 0).register(registry);
        // Taken from each pass's listing: a scrape must not walk the clip tree.
        Gauge.builder("clips.bytes", bytes, AtomicLong::get).register(registry);
    }

    /** True while the disk is low and only protected clips are left: recorders should shorten clips. */
    public boolean storageLow() {
        return low.get();
    }

    /** One pass; returns the clips deleted. */
    public List<ClipFile> runOnce() {
        List<ClipFile> clips = new ArrayList<>(store.all());
        List<ClipFile> gone = new ArrayList<>();
        var cutoff = clock.instant().minus(policy.maxAge());
        for (ClipFile c : List.copyOf(clips)) {
            if (c.modified().isBefore(cutoff) && delete(c, "age", clips)) {
                gone.add(c);
            }
        }
        Map<String, Long> perCamera = new HashMap<>();
        clips.forEach(c -> perCamera.merge(c.camera(), c.size(), Long::sum));
        for (var quota : policy.cameraQuota().entrySet()) {
            for (ClipFile c : List.copyOf(clips)) {
                if (perCamera.getOrDefault(quota.getKey(), 0L) <= quota.getValue()) {
                    break;
                }
                if (c.camera().equals(quota.getKey()) && delete(c, "camera_quota", clips)) {
                    perCamera.merge(c.camera(), -c.size(), Long::sum);
                    gone.add(c);
                }
            }
        }
        long total = clips.stream().mapToLong(ClipFile::size).sum();
        for (ClipFile c : List.copyOf(clips)) {
            if (policy.totalQuotaBytes() <= 0 || total <= policy.totalQuotaBytes()) {
                break;
            }
            if (delete(c, "total_quota", clips)) {
                total -= c.size();
                gone.add(c);
            }
        }
        for (ClipFile c : List.copyOf(clips)) {
            if (freeBytes.getAsLong() >= policy.minFreeBytes()) {
                break;
            }
            if (delete(c, "disk_low", clips)) {
                gone.add(c);
            }
        }
        bytes.set(clips.stream().mapToLong(ClipFile::size).sum());
        boolean stillLow = freeBytes.getAsLong() < policy.minFreeBytes();
        if (stillLow && low.compareAndSet(false, true)) {
            log.warn("storage low: {} bytes free under {} and only protected clips left",
                    freeBytes.getAsLong(), store.storageDir());
            onStorageLow.run();
        } else if (!stillLow && low.compareAndSet(true, false)) {
            log.info("storage no longer low under {}", store.storageDir());
        }
        return gone;
    }

    /** Deletes one clip unless its alert is protected; records it in the audit log. */
    private boolean delete(ClipFile c, String reason, List<ClipFile> remaining) {
        if (ClipSidecar.RECORDING.equals(c.state()) || c.alerts().stream().anyMatch(protectedAlert)) {
            return false;
        }
        try {
            Files.deleteIfExists(c.file());
            Files.deleteIfExists(ClipSidecar.of(c.file()));
        } catch (IOException e) {
            log.warn("retention: cannot delete {}: {}", c.relative(), e.toString());
            return false;
        }
        remaining.remove(c);
        deleted.increment();
        audit.append("retention", "clip_deleted", c.alertId(), c.relative(), "");
        log.info("retention: deleted {} ({})", c.relative(), reason);
        return true;
    }
}
