package io.minewatch.server.flights.report;

import io.minewatch.server.flights.FlightFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a finding's snapshot is on disk (inside the storage folder only: a path that leaves it is no snapshot),
 * and the one name it has in every report: {@code snapshots/<alert id>.<ext>}, the layout of the evidence zip, so
 * the GeoJSON and KML link their pictures relative to themselves once the zip is unpacked.
 */
public final class SnapshotFiles {
    private final Path storage;

    /** @param storage the storage folder the findings' {@code snapshot} paths are relative to */
    public SnapshotFiles(Path storage) {
        this.storage = storage.toAbsolutePath().normalize();
    }

    /** The snapshot file of a finding when it is a regular file inside the storage folder. */
    public Optional<Path> file(FlightFinding f) {
        if (f.snapshot() == null || f.snapshot().isBlank()) {
            return Optional.empty();
        }
        Path p;
        try {
            p = storage.resolve(f.snapshot()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        return p.startsWith(storage) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Its name in the reports ({@code snapshots/<alert id>.jpg}), or empty when it has no snapshot file. */
    public Optional<String> name(FlightFinding f) {
        return file(f).map(p -> "snapshots/" + safe(f.alertId()) + extension(p));
    }

    /** Letters, digits, '.', '_' and '-' kept; anything else becomes '_' (alert ids are already of these). */
    static String safe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,5}") ? ext : ".jpg";
    }
}
