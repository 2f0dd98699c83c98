package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.alerts.cases.CaseException;
import io.minewatch.alerts.cases.CaseView;
import io.minewatch.alerts.cases.PhotoView;
import io.minewatch.server.http.BodyReceiver;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-site photos: {@code POST /api/v1/cases/{id}/photos} takes one image/jpeg or image/png as the
 * request body, streamed to a file with back-pressure ({@link io.minewatch.server.http.StreamedRoute}: the
 * connection reads on only after each write), never held in memory, bounded by {@code cases.max_photo_mb}
 * (413: a Content-Length over the bound before a byte is read, else as soon as the body passes it);
 * the desk then checks its first bytes and takes it into the case. {@code GET /api/v1/cases/{id}/photos/{n}}
 * sends it back. The same people as the case's: an official of another team gets 404. Bodies a stopped
 * server left half-written in the incoming folder are deleted at the next start.
 */
final class PhotoApi {
    private static final Logger log = LoggerFactory.getLogger(PhotoApi.class);
    static final List<String> TYPES = List.of("image/jpeg", "image/png");

    private final CaseDesk desk;
    private final CaseScope scope;
    private final Path incoming;
    private final long maxBytes;

    private PhotoApi(CaseDesk desk, CaseScope scope, Path incoming, long maxBytes) {
        this.desk = desk;
        this.scope = scope;
        this.incoming = incoming;
        this.maxBytes = maxBytes;
    }

    /**
     * @param incoming where bodies are written while they arrive (the desk moves a taken photo into the case's
     *                 folder; what it refuses is deleted)
     * @param maxBytes one photo at most
     */
    static Router.Builder register(Router.Builder b, CaseDesk desk, CaseScope scope, Path incoming, long maxBytes) {
        dropUnfinished(incoming);
        PhotoApi a = new PhotoApi(desk, scope, incoming, maxBytes);
        return b.stream(HttpMethod.POST, "/api/v1/cases/{id}/photos", CaseScope.TEAM, a::open)
                .get("/api/v1/cases/{id}/photos/{n}", CaseScope.READ, CaseErrors.guarded(a::read));
    }

    /** On the request pool, before any byte of the body is read. */
    private BodyReceiver open(Call call) throws IOException {
        CaseView c;
        try {
            c = scope.visibleCase(call.caller(), call.param("id"));
        } catch (CaseException e) {
            throw CaseErrors.refused(e);
        }
        String type = type(call.request().headers().get(HttpHeaderNames.CONTENT_TYPE));
        String declared = call.request().headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null && (declared.length() > 18 || !declared.chars().allMatch(Character::isDigit)
                || Long.parseLong(declared) > maxBytes)) {
            throw tooLarge();
        }
        Files.createDirectories(incoming);
        return new PhotoReceiver(desk, c.id(), type, call.caller().id(),
                Files.createTempFile(incoming, c.id() + "-", ".part"), maxBytes);
    }

    private void read(Call call) throws IOException {
        CaseView c = scope.visibleCase(call.caller(), call.param("id"));
        String n = call.param("n");
        Optional<PhotoView> photo = n.matches("[1-9][0-9]{0,5}")
                ? c.photos().stream().filter(p -> p.n() == Integer.parseInt(n)).findFirst() : Optional.empty();
        Optional<Path> file = photo.flatMap(p -> desk.photoFile(c.id(), p.n()));
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            throw new Refused(HttpResponseStatus.NOT_FOUND, "no such photo");
        }
        call.file(file.get(), photo.get().contentType());
    }

    /** Bodies a previous run left half-written (it stopped during an upload): never taken, so deleted. */
    private static void dropUnfinished(Path incoming) {
        if (!Files.isDirectory(incoming)) {
            return;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(incoming, "*.part")) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
                log.info("cases: deleted an unfinished photo upload {}", p.getFileName());
            }
        } catch (IOException e) {
            log.warn("cases: cannot clear unfinished photo uploads in {}: {}", incoming, e.toString());
        }
    }

    /** The media type of the body, image/jpeg or image/png; 400 otherwise. */
    static String type(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, "Content-Type must be image/jpeg or image/png");
        }
        return type;
    }

    Refused tooLarge() {
        return new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "a photo is at most " + maxBytes
                + " bytes (cases.max_photo_mb)");
    }
}
