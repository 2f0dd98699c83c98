package io.minewatch.server.flights.upload;

import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of tus 1.0.0 (https://tus.io/protocols/resumable-upload) as this server speaks it: core,
 * {@code creation} and {@code termination}; not {@code creation-defer-length}, {@code creation-with-upload},
 * {@code expiration}, {@code checksum} or {@code concatenation}.
 */
final class Tus {
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,termination";
    static final String RESUMABLE = "Tus-Resumable";
    static final String TUS_VERSION = "Tus-Version";
    static final String TUS_EXTENSION = "Tus-Extension";
    static final String TUS_MAX_SIZE = "Tus-Max-Size";
    static final String UPLOAD_LENGTH = "Upload-Length";
    static final String UPLOAD_OFFSET = "Upload-Offset";
    static final String UPLOAD_METADATA = "Upload-Metadata";
    static final String DEFER_LENGTH = "Upload-Defer-Length";
    static final String OFFSET_TYPE = "application/offset+octet-stream";
    /** Longest Upload-Metadata header taken (the codec's header limit is 8 KiB in all). */
    static final int MAX_METADATA = 4096;

    private Tus() {
    }

    /** 412 unless the request speaks tus 1.0.0. */
    static void requireVersion(Call call) {
        String v = call.request().headers().get(RESUMABLE);
        if (!VERSION.equals(v)) {
            throw new Refused(HttpResponseStatus.PRECONDITION_FAILED,
                    v == null ? "missing Tus-Resumable header: this server speaks tus " + VERSION
                            : "tus version " + v + " not supported: this server speaks " + VERSION,
                    TUS_VERSION, VERSION, RESUMABLE, VERSION);
        }
    }

    /** A non-negative decimal header, or 400 naming it. */
    static long number(Call call, String header) {
        String v = call.request().headers().get(header);
        if (v == null) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, "missing " + header + " header", RESUMABLE, VERSION);
        }
        try {
            if (v.isEmpty() || v.length() > 19 || !v.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, header + " must be a non-negative integer",
                    RESUMABLE, VERSION);
        }
    }

    /**
     * The {@code Upload-Metadata} pairs: {@code key base64value} separated by commas; keys are ASCII
     * without spaces or commas, values may be absent. 400 for anything else.
     */
    static Map<String, String> metadata(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        if (header.length() > MAX_METADATA) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, "Upload-Metadata longer than " + MAX_METADATA
                    + " characters", RESUMABLE, VERSION);
        }
        for (String pair : header.split(",")) {
            String[] kv = pair.strip().split(" ");
            if (kv.length > 2 || kv[0].isEmpty() || !kv[0].chars().allMatch(c -> c > 32 && c < 127)) {
                throw new Refused(HttpResponseStatus.BAD_REQUEST, "Upload-Metadata: bad pair (key, space, base64 value)",
                        RESUMABLE, VERSION);
            }
            String value = "";
            if (kv.length == 2) {
                try {
                    value = new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Refused(HttpResponseStatus.BAD_REQUEST, "Upload-Metadata: value of " + kv[0]
                            + " is not base64", RESUMABLE, VERSION);
                }
            }
            if (out.put(kv[0], value) != null) {
                throw new Refused(HttpResponseStatus.BAD_REQUEST, "Upload-Metadata: key " + kv[0] + " given twice",
                        RESUMABLE, VERSION);
            }
        }
        return out;
    }
}
