package io.minewatch.server.flights.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.BodyReceiver;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The tus 1.0.0 routes (core, creation, termination): {@code OPTIONS|POST /api/v1/uploads},
 * {@code HEAD|PATCH|DELETE /api/v1/uploads/{id}}. An upload belongs to its creator; to anyone else it
 * is 404, like an unknown id. PATCH bodies are streamed to disk ({@link PatchWriter}), never held in memory.
 */
final class UploadApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "/api/v1/uploads";

    private final UploadStore store;

    UploadApi(UploadStore store) {
        this.store = store;
    }

    void register(Router.Builder b, Access access) {
        b.add(Set.of(HttpMethod.OPTIONS), BASE, access, false, this::options)
                .post(BASE, access, this::create)
                .head(BASE + "/{id}", access, this::head)
                .stream(HttpMethod.PATCH, BASE + "/{id}", access, this::patch)
                .delete(BASE + "/{id}", access, this::delete);
    }

    private void options(Call call) {
        call.empty(HttpResponseStatus.NO_CONTENT, Tus.RESUMABLE, Tus.VERSION, Tus.TUS_VERSION, Tus.VERSION,
                Tus.TUS_EXTENSION, Tus.EXTENSIONS, Tus.TUS_MAX_SIZE, Long.toString(store.limits().maxBytes()));
    }

    private void create(Call call) throws IOException {
        Tus.requireVersion(call);
        if (call.request().headers().contains(Tus.DEFER_LENGTH)) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, "Upload-Defer-Length is not supported: give Upload-Length",
                    Tus.RESUMABLE, Tus.VERSION);
        }
        long length = Tus.number(call, Tus.UPLOAD_LENGTH);
        Map<String, String> meta = Tus.metadata(call.request().headers().get(Tus.UPLOAD_METADATA));
        Upload u = store.create(call.caller().id(), length, meta.get("filename"), meta.get("filetype"));
        String location = BASE + "/" + u.id();
        call.json(HttpResponseStatus.CREATED, JSON.createObjectNode().put("id", u.id()).put("location", location)
                        .put("length", length).put("filename", u.filename()),
                HttpHeaderNames.LOCATION.toString(), location, Tus.RESUMABLE, Tus.VERSION,
                Tus.UPLOAD_OFFSET, "0");
    }

    private Upload owned(Call call) {
        return store.find(call.param("id"), call.caller().id()).orElseThrow(() -> new Refused(
                HttpResponseStatus.NOT_FOUND, "no such upload", Tus.RESUMABLE, Tus.VERSION));
    }

    private void head(Call call) {
        Tus.requireVersion(call);
        Upload u = owned(call);
        call.empty(HttpResponseStatus.OK, Tus.UPLOAD_OFFSET, Long.toString(u.offset()),
                Tus.UPLOAD_LENGTH, Long.toString(u.length()), Tus.RESUMABLE, Tus.VERSION);
    }

    private BodyReceiver patch(Call call) throws IOException {
        Tus.requireVersion(call);
        Upload u = owned(call);
        String type = call.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (!Tus.OFFSET_TYPE.equals(type)) {
            throw new Refused(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + Tus.OFFSET_TYPE,
                    Tus.RESUMABLE, Tus.VERSION);
        }
        long offset = Tus.number(call, Tus.UPLOAD_OFFSET);
        if (!u.tryLock()) {
            throw new Refused(HttpResponseStatus.CONFLICT, "another request is writing this upload: retry",
                    Tus.RESUMABLE, Tus.VERSION);
        }
        try {
            if (offset != u.offset()) {
                throw new Refused(HttpResponseStatus.CONFLICT, "Upload-Offset " + offset + " is not the upload's offset "
                        + u.offset(), Tus.UPLOAD_OFFSET, Long.toString(u.offset()), Tus.RESUMABLE, Tus.VERSION);
            }
            String declared = call.request().headers().get(HttpHeaderNames.CONTENT_LENGTH);
            if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                    && offset + Long.parseLong(declared) > u.length()) {
                throw new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body of " + declared
                        + " bytes at offset " + offset + " runs past Upload-Length " + u.length(),
                        Tus.RESUMABLE, Tus.VERSION);
            }
            return new PatchWriter(u);
        } catch (IOException | RuntimeException e) {
            u.unlock();
            throw e;
        }
    }

    private void delete(Call call) throws IOException {
        Tus.requireVersion(call);
        Upload u = owned(call);
        if (!u.tryLock()) {
            throw new Refused(HttpResponseStatus.CONFLICT, "a request is writing this upload: retry",
                    Tus.RESUMABLE, Tus.VERSION);
        }
        try {
            store.delete(u);
        } finally {
            u.unlock();
        }
        call.empty(HttpResponseStatus.NO_CONTENT, Tus.RESUMABLE, Tus.VERSION);
    }
}
