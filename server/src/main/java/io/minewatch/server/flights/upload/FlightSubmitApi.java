package io.minewatch.server.flights.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.server.flights.FlightIntake;
import io.minewatch.server.flights.UploadedFlight;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/flights} with {@code {video_upload, telemetry_upload?, name?, site?, drone_model?}}:
 * takes the caller's finished uploads, moves them to a folder of their own under {@code incoming/},
 * checks the video with ffprobe ({@link MediaProbe}), extracts its embedded subtitle telemetry when no
 * telemetry upload is named, and hands the flight to the {@link FlightIntake}: 201 {@code {"id"}}. A
 * file that is no readable video (400 naming it), or a flight the intake refuses (400 with its
 * message), leaves nothing behind: the uploads and the folder are deleted.
 */
final class FlightSubmitApi {
    private static final Logger log = LoggerFactory.getLogger(FlightSubmitApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TEXT = 200;

    private final UploadStore store;
    private final Path incoming;
    private final MediaProbe probe;
    private final FlightIntake intake;

    FlightSubmitApi(UploadStore store, Path incoming, MediaProbe probe, FlightIntake intake) {
        this.store = store;
        this.incoming = incoming;
        this.probe = probe;
        this.intake = intake;
    }

    void submit(Call call) throws IOException, InterruptedException {
        JsonNode body = call.body();
        String videoId = text(body, "video_upload", true);
        String telemetryId = text(body, "telemetry_upload", false);
        String name = text(body, "name", false);
        String site = text(body, "site", false);
        String drone = text(body, "drone_model", false);
        String caller = call.caller().id();
        Upload video = owned(videoId, caller, "video_upload");
        Upload telemetry = telemetryId == null ? null : owned(telemetryId, caller, "telemetry_upload");
        if (telemetry == video) {
            throw new BadRequest("video_upload and telemetry_upload name the same upload");
        }
        lock(video, null);
        lock(telemetry, video);
        Path dir = incoming.resolve(newId());
        boolean kept = false;
        try {
            Files.createDirectories(dir);
            Path videoFile = dir.resolve("video" + extension(video.filename()));
            store.claim(video, videoFile);
            Path telemetryFile = null;
            if (telemetry != null) {
                telemetryFile = dir.resolve("telemetry.srt");
                store.claim(telemetry, telemetryFile);
            }
            MediaProbe.Result checked = probe.check(videoFile);
            if (!checked.ok()) {
                throw new Refused(HttpResponseStatus.BAD_REQUEST, video.filename() + " is not a readable video: "
                        + checked.problem() + " (nothing was kept)");
            }
            if (telemetryFile == null && checked.subtitles() > 0) {
                Path extracted = dir.resolve("telemetry-embedded.srt");
                telemetryFile = probe.extractSubtitles(videoFile, extracted) ? extracted : null;
            }
            String id;
            try {
                id = intake.submit(new UploadedFlight(videoFile, telemetryFile, name != null ? name
                        : stem(video.filename()), site, drone, caller));
            } catch (IllegalArgumentException e) {
                throw new Refused(HttpResponseStatus.BAD_REQUEST, "flight refused: " + e.getMessage()
                        + " (nothing was kept)");
            }
            kept = true;
            try {
                Files.deleteIfExists(dir); // the intake moved the files into the flight's folder
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // it keeps them here
            }
            call.json(HttpResponseStatus.CREATED, JSON.createObjectNode().put("id", id));
        } finally {
            if (!kept) {
                discard(video);
                discard(telemetry);
                deleteTree(dir);
            }
        }
    }

    private Upload owned(String id, String caller, String field) {
        return store.find(id, caller).orElseThrow(() -> new Refused(HttpResponseStatus.NOT_FOUND,
                field + ": no such upload: " + id));
    }

    /** Locks an upload for the submission; 409 when it is being written or unfinished. */
    private static void lock(Upload u, Upload alreadyLocked) {
        if (u == null) {
            return;
        }
        if (!u.tryLock()) {
            if (alreadyLocked != null) {
                alreadyLocked.unlock();
            }
            throw new Refused(HttpResponseStatus.CONFLICT, u.filename() + ": a request is writing this upload");
        }
        if (!u.complete()) {
            u.unlock();
            if (alreadyLocked != null) {
                alreadyLocked.unlock();
            }
            throw new Refused(HttpResponseStatus.CONFLICT, u.filename() + " is incomplete: " + u.offset() + " of "
                    + u.length() + " bytes uploaded");
        }
    }

    /** Deletes an upload the failed submission had taken (if still in the store) and unlocks it. */
    private void discard(Upload u) {
        if (u == null) {
            return;
        }
        try {
            store.delete(u);
        } catch (IOException e) {
            log.warn("uploads: {} not deleted: {}", u.id(), e.toString());
        } finally {
            u.unlock();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("uploads: {} not deleted: {}", dir, e.toString());
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadRequest("\"" + field + "\" is required (an upload id from POST /api/v1/uploads)");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > MAX_TEXT) {
            throw new BadRequest("\"" + field + "\" must be a non-empty string of at most " + MAX_TEXT + " characters");
        }
        return n.asText();
    }

    /** ".mp4" and the like from the client's name (letters and digits only), else "". */
    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,8}") ? "." + ext : "";
    }

    private static String stem(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot > 0 ? filename.substring(0, dot) : filename;
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
