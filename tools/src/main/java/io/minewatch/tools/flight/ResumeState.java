package io.minewatch.tools.flight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where an unfinished upload of a file is, so that a later run resumes it: one small file per
 * (server, user, file path, size, modification time) under the state folder
 * ({@code $XDG_STATE_HOME/minewatch/uploads}, else {@code ~/.local/state/minewatch/uploads}), holding the
 * upload's URL path. A file changed since is a different key, so it is never resumed into.
 */
final class ResumeState {
    private final Path dir;

    ResumeState(Path dir) {
        this.dir = dir;
    }

    static Path defaultDir(java.util.Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("minewatch").resolve("uploads");
    }

    Optional<String> find(String server, String user, Path file) throws IOException {
        Path f = dir.resolve(key(server, user, file));
        return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip()) : Optional.empty();
    }

    void save(String server, String user, Path file, String location) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(key(server, user, file)), location, StandardCharsets.UTF_8);
    }

    void forget(String server, String user, Path file) throws IOException {
        Files.deleteIfExists(dir.resolve(key(server, user, file)));
    }

    private static String key(String server, String user, Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String k = server + "\n" + user + "\n" + abs + "\n" + Files.size(abs) + "\n"
                + Files.getLastModifiedTime(abs).toMillis();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    k.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
