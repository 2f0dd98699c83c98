package io.minewatch.alerts.clips;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where clips live and how they are found again: by alert id only, never by a path from outside.
 * The layout is the truth, so it survives restarts with nothing else to keep in step; an index from
 * alert id to clip file, read from it once and kept up to date as clips are made, joined and listed,
 * answers {@link #find} without walking the tree. A miss rescans at most once every
 * {@link #RESCAN_MILLIS} (clips written by another store on the same folder, as tests do), so a flood of
 * unknown ids costs one walk, not one per request.
 */
public final class ClipStore {
    /** The least time between two rescans for a missing id. */
    public static final long RESCAN_MILLIS = 2000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path storageDir;
    private final Path root;
    /** Alert id to its clip file; every alert a clip covers has an entry. */
    private final Map<String, Path> index = new ConcurrentHashMap<>();
    private final AtomicLong scans = new AtomicLong();
    private volatile long lastScanNanos;
    private volatile boolean scanned;

    public ClipStore(Path storageDir) {
        this.storageDir = storageDir.toAbsolutePath().normalize();
        this.root = this.storageDir.resolve("clips");
    }

    public Path storageDir() {
        return storageDir;
    }

    /** The file a new clip of this alert goes to (its folder is created, the alert indexed to it). */
    public Path newClip(String camera, String alertId, Instant start) {
        check(camera);
        check(alertId);
        Path dir = root.resolve(camera).resolve(DAY.format(start));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path file = dir.resolve(alertId + ".mp4");
        index.put(alertId, file);
        return file;
    }

    /** Another alert now shares this clip (overlapping alerts on one camera). */
    public void join(Path clip, String alertId) {
        check(alertId);
        index.put(alertId, clip);
    }

    /** The clip of an alert, if there is one: an index look-up, one stat and its sidecar read. */
    public Optional<ClipFile> find(String alertId) {
        if (!ID.matcher(alertId).matches()) {
            return Optional.empty();
        }
        if (!scanned) {
            rescan(false);
        }
        Optional<ClipFile> clip = lookUp(alertId);
        if (clip.isEmpty() && rescan(true)) {
            clip = lookUp(alertId);
        }
        return clip;
    }

    private Optional<ClipFile> lookUp(String alertId) {
        Path file = index.get(alertId);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(clipFile(file));
        } catch (IOException e) {
            // not written yet (its first key frame is still to come) or deleted since
            return Optional.empty();
        }
    }

    /** Walks the tree (once at first use; for a miss at most once per {@link #RESCAN_MILLIS}). */
    private synchronized boolean rescan(boolean onMiss) {
        long now = System.nanoTime();
        if (onMiss ? now - lastScanNanos < RESCAN_MILLIS * 1_000_000 : scanned) {
            return false;
        }
        all();
        return true;
    }

    /** How many times the clip tree was walked: for tests and metrics (a request must not walk it). */
    public long scans() {
        return scans.get();
    }

    /** Every clip, oldest first; walks the tree and brings the index in step with it. */
    public List<ClipFile> all() {
        List<ClipFile> clips = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root, 3)) {
                files.filter(p -> p.getFileName().toString().endsWith(".mp4")).forEach(p -> {
                    try {
                        clips.add(clipFile(p));
                    } catch (IOException e) {
                        // deleted while we looked: not a clip any more
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        clips.sort(Comparator.comparing(ClipFile::modified));
        reindex(clips);
        return clips;
    }

    private synchronized void reindex(List<ClipFile> clips) {
        Map<String, Path> found = new HashMap<>();
        for (ClipFile c : clips) {
            for (String alert : c.alerts()) {
                // One clip per alert; should two claim it, the older (listed first) keeps it, as before.
                found.putIfAbsent(alert, c.file());
            }
        }
        // A clip just begun has its sidecar before its file: keep what either still vouches for.
        index.entrySet().removeIf(e -> !found.containsKey(e.getKey()) && !Files.exists(e.getValue())
                && !Files.exists(ClipSidecar.of(e.getValue())));
        found.forEach((alert, file) -> index.putIfAbsent(alert, file));
        scans.incrementAndGet();
        lastScanNanos = System.nanoTime();
        scanned = true;
    }

    private ClipFile clipFile(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        String name = p.getFileName().toString();
        String id = name.substring(0, name.length() - 4);
        String camera = root.relativize(p).getName(0).toString();
        return new ClipFile(id, camera, p, relative(p), a.size(), a.lastModifiedTime().toInstant(),
                ClipSidecar.read(p, id));
    }

    /** The path as the audit log names it: relative to the storage directory, '/'-separated. */
    public String relative(Path file) {
        return storageDir.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static void check(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an id: " + id);
        }
    }
}
