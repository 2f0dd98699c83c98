package io.minewatch.server.flights.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.server.http.Refused;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unfinished uploads, one data file ({@code <id>.bin}) and one info file ({@code <id>.json}: owner,
 * length, name, type, created) each in one folder; what is on disk survives a restart (the offset is
 * the data file's size). An upload is found only by its owner: to anyone else it does not exist.
 */
final class UploadStore {
    private static final Logger log = LoggerFactory.getLogger(UploadStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NAME = 200;

    private final Path dir;
    private final UploadLimits limits;
    private final Clock clock;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    UploadStore(Path dir, UploadLimits limits, Clock clock) throws IOException {
        this.dir = dir;
        this.limits = limits;
        this.clock = clock;
        Files.createDirectories(dir);
        load();
    }

    UploadLimits limits() {
        return limits;
    }

    /** Reads back the uploads a previous run left; an unreadable info file is logged and its upload dropped. */
    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path info : files) {
                String name = info.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                Path data = dir.resolve(id + ".bin");
                try {
                    JsonNode n = JSON.readTree(info.toFile());
                    long length = n.get("length").asLong();
                    long size = Files.size(data);
                    if (size > length) {
                        throw new IOException("data file longer than the upload");
                    }
                    uploads.put(id, new Upload(id, n.get("owner").asText(), length, n.get("filename").asText(),
                            n.get("filetype").asText(), Instant.parse(n.get("created").asText()), data, info, size));
                } catch (IOException | RuntimeException e) {
                    log.warn("uploads: {} unreadable, dropped: {}", info, e.toString());
                    Files.deleteIfExists(data);
                    Files.deleteIfExists(info);
                }
            }
        }
    }

    /**
     * A new, empty upload of {@code length} bytes for {@code owner}: 413 past the size limit, 409 when
     * the owner already holds the most unfinished uploads.
     */
    synchronized Upload create(String owner, long length, String filename, String filetype) throws IOException {
        if (length > limits.maxBytes()) {
            throw new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "upload of " + length
                    + " bytes is larger than the limit of " + limits.maxBytes() + " bytes",
                    Tus.TUS_MAX_SIZE, Long.toString(limits.maxBytes()), Tus.RESUMABLE, Tus.VERSION);
        }
        long open = uploads.values().stream().filter(u -> u.owner().equals(owner)).count();
        if (open >= limits.maxOpenPerUser()) {
            throw new Refused(HttpResponseStatus.CONFLICT, "you hold " + open
                    + " unfinished uploads (the most allowed): submit or delete one first", Tus.RESUMABLE, Tus.VERSION);
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path data = dir.resolve(id + ".bin");
        Path info = dir.resolve(id + ".json");
        Upload u = new Upload(id, owner, length, cleanName(filename), cleanType(filetype), clock.instant(), data, info, 0);
        Files.createFile(data);
        ObjectNode n = JSON.createObjectNode().put("owner", owner).put("length", length).put("filename", u.filename())
                .put("filetype", u.filetype()).put("created", u.created().toString());
        Path tmp = dir.resolve(id + ".json.tmp");
        Files.write(tmp, JSON.writeValueAsBytes(n));
        Files.move(tmp, info, StandardCopyOption.ATOMIC_MOVE);
        uploads.put(id, u);
        return u;
    }

    /** The upload with this id if {@code caller} made it; else empty, as for an unknown id. */
    Optional<Upload> find(String id, String caller) {
        Upload u = uploads.get(id);
        return u != null && u.owner().equals(caller) ? Optional.of(u) : Optional.empty();
    }

    /** Deletes a locked upload's files. */
    void delete(Upload u) throws IOException {
        uploads.remove(u.id(), u);
        Files.deleteIfExists(u.data());
        Files.deleteIfExists(u.info());
    }

    /** Moves a locked, complete upload's data to {@code target} and forgets the upload. */
    void claim(Upload u, Path target) throws IOException {
        uploads.remove(u.id(), u);
        Files.move(u.data(), target, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(u.info());
    }

    /** The base name of a client's file name, without control characters or separators; "upload" when none. */
    static String cleanName(String name) {
        if (name == null) {
            return "upload";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder b = new StringBuilder();
        base.codePoints().filter(c -> c >= 32 && c != 127).forEach(b::appendCodePoint);
        String out = b.toString().strip();
        if (out.isEmpty() || out.equals(".") || out.equals("..")) {
            return "upload";
        }
        return out.length() > MAX_NAME ? out.substring(0, MAX_NAME) : out;
    }

    private static String cleanType(String type) {
        return type == null || type.length() > 100 || !type.matches("[A-Za-z0-9.+/_-]*") ? "" : type;
    }
}
