package io.minewatch.alerts.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.EvidenceVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention with small quotas on real files: oldest closed clips go first, protected ones stay. */
class ClipRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path storage;
    ClipStore store;
    AuditLog audit;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicLong free = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger lowNotices = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        store = new ClipStore(storage);
        audit = AuditLog.open(storage.resolve("evidence/audit.jsonl"), Clock.fixed(NOW, ZoneOffset.UTC));
        // a1..a6 on cam-1 and cam-2, 10 kB each, one minute apart, a1 oldest.
        for (int i = 1; i <= 6; i++) {
            String camera = i % 2 == 0 ? "cam-2" : "cam-1";
            Instant t = NOW.minus(Duration.ofMinutes(10 - i));
            Path clip = store.newClip(camera, "a" + i, t);
            Files.write(clip, new byte[10_000]);
            Files.setLastModifiedTime(clip, FileTime.from(t));
            audit.append("system", "clip_created", "a" + i, store.relative(clip),
                    io.minewatch.alerts.evidence.Sha256.of(clip));
        }
    }

    private ClipRetention retention(RetentionPolicy policy, Set<String> protectedAlerts) {
        return new ClipRetention(store, policy, protectedAlerts::contains, free::get, audit,
                Clock.fixed(NOW, ZoneOffset.UTC), lowNotices::incrementAndGet, registry);
    }

    private List<String> ids() {
        return store.all().stream().map(ClipFile::alertId).toList();
    }

    @Test
    void totalQuotaDeletesOldestClosedClipsAndKeepsProtectedOnes() throws Exception {
        ClipRetention r = retention(new RetentionPolicy(Duration.ofDays(30), 35_000, Map.of(), 0), Set.of("a1"));
        List<ClipFile> gone = r.runOnce();
        assertEquals(List.of("a2", "a3", "a4"), gone.stream().map(ClipFile::alertId).toList());
        assertEquals(List.of("a1", "a5", "a6"), ids());
        assertEquals(3.0, registry.get("clips.deleted").counter().count());
        // The deletions are audited, so the evidence still verifies.
        assertEquals(List.of(), EvidenceVerifier.verify(audit.file(), storage));
    }

    @Test
    void cameraQuotaOnlyTouchesThatCamera() {
        retention(new RetentionPolicy(Duration.ofDays(30), 0, Map.of("cam-2", 15_000L), 0), Set.of()).runOnce();
        assertEquals(List.of("a1", "a3", "a5", "a6"), ids());
    }

    @Test
    void ageLimitDeletesOldClipsButNotProtectedOnes() {
        retention(new RetentionPolicy(Duration.ofMinutes(6), 0, Map.of(), 0), Set.of("a2")).runOnce();
        assertEquals(List.of("a2", "a4", "a5", "a6"), ids());
    }

    @Test
    void lowDiskDeletesClosedClipsThenRaisesStorageLowOnce() {
        free.set(0);
        ClipRetention r = retention(new RetentionPolicy(Duration.ofDays(30), 0, Map.of(), 1_000), Set.of("a5", "a6"));
        r.runOnce();
        assertEquals(List.of("a5", "a6"), ids());
        assertTrue(r.storageLow());
        assertEquals(1, lowNotices.get());
        assertEquals(1.0, registry.get("clips.storage.low").gauge().value());
        r.runOnce();
        assertEquals(1, lowNotices.get(), "one storage_low per low spell");
        free.set(10_000);
        r.runOnce();
        assertFalse(r.storageLow());
        assertEquals(0.0, registry.get("clips.storage.low").gauge().value());
    }

    @Test
    void clipsAreFoundByIdOnlyNeverByPath() {
        assertTrue(store.find("a3").isPresent());
        assertTrue(store.find("../a3").isEmpty());
        assertTrue(store.find("cam-1/a3").isEmpty());
        assertTrue(store.find("nope").isEmpty());
    }
}
