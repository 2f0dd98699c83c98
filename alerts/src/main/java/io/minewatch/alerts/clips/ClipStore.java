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
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where clips live and how they are found again: by alert id only, never by a path from outside.
 * The layout is the index, so it survives restarts with nothing else to keep in step.
 */
public final class ClipStore {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path storageDir;
    private final Path root;

    public ClipStore(Path storageDir) {
        this.storageDir = storageDir.toAbsolutePath().normalize();
        this.root = this.storageDir.resolve("clips");
    }

    public Path storageDir() {
        return storageDir;
    }

    /** The file a new clip of this alert goes to (its folder is created). */
    public Path newClip(String camera, String alertId, Instant start) {
        check(camera);
        check(alertId);
        Path dir = root.resolve(camera).resolve(DAY.format(start));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir.resolve(alertId + ".mp4");
    }

    /** The clip of an alert, if there is one. */
    public Optional<ClipFile> find(String alertId) {
        if (!ID.matcher(alertId).matches()) {
            return Optional.empty();
        }
        return all().stream().filter(c -> c.alerts().contains(alertId)).findFirst();
    }

    /** Every clip, oldest first. */
    public List<ClipFile> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ClipFile> clips = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 3)) {
            files.filter(p -> p.getFileName().toString().endsWith(".mp4")).forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    String name = p.getFileName().toString();
                    String id = name.substring(0, name.length() - 4);
                    String camera = root.relativize(p).getName(0).toString();
                    clips.add(new ClipFile(id, camera, p, relative(p), a.size(),
                            a.lastModifiedTime().toInstant(), ClipSidecar.read(p, id)));
                } catch (IOException e) {
                    // deleted while we looked: not a clip any more
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        clips.sort(Comparator.comparing(ClipFile::modified));
        return clips;
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
