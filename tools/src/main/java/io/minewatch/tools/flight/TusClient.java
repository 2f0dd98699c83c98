package io.minewatch.tools.flight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A tus 1.0.0 client of the server's {@code /api/v1/uploads} (core and creation), signed in with a
 * session cookie and CSRF token. {@link #upload} sends a file in one PATCH; when the connection drops
 * (or the server still holds the cut request: 409) it asks the offset with HEAD and sends the rest, with
 * a growing pause between tries, up to {@value #MAX_TRIES} tries in a row without progress.
 */
final class TusClient {
    static final int MAX_TRIES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String server;
    private final String cookie;
    private final String csrf;
    private final long firstPauseMillis;

    /** The server said no: its status and message. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    TusClient(HttpClient http, String server, String cookie, String csrf, long firstPauseMillis) {
        this.http = http;
        this.server = server;
        this.cookie = cookie;
        this.csrf = csrf;
        this.firstPauseMillis = firstPauseMillis;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Tus-Resumable", "1.0.0").timeout(Duration.ofMinutes(10));
    }

    /** A new upload of {@code length} bytes; its path. */
    String create(String filename, long length) throws IOException, InterruptedException, Refused {
        String meta = "filename " + Base64.getEncoder().encodeToString(filename.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(request("/api/v1/uploads").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", meta).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw refused(r);
        }
        return r.headers().firstValue("location").orElseThrow(() -> new IOException("201 without a Location"));
    }

    /** The offset of an upload, or empty when the server no longer has it for us (404). */
    Optional<long[]> offset(String path) throws IOException, InterruptedException, Refused {
        HttpResponse<String> r = http.send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new Refused(r.statusCode(), "HEAD " + path + " answered " + r.statusCode());
        }
        return Optional.of(new long[] {header(r, "upload-offset"), header(r, "upload-length")});
    }

    /**
     * Sends {@code file} to the upload at {@code path} from {@code offset} to its end, resuming after cuts.
     */
    void upload(String path, Path file, long offset, long length, ProgressBar bar)
            throws IOException, InterruptedException, Refused {
        long at = offset;
        int tries = 0;
        long pause = firstPauseMillis;
        while (true) {
            String problem;
            try {
                HttpResponse<String> r = patch(path, file, at, length, bar);
                if (r.statusCode() == 204) {
                    at = header(r, "upload-offset");
                    if (at == length) {
                        bar.at(length);
                        return;
                    }
                    problem = "the server stored up to " + at;
                } else if (r.statusCode() == 409 || r.statusCode() >= 500) {
                    problem = "the server answered " + r.statusCode() + ": " + message(r);
                } else {
                    throw refused(r);
                }
            } catch (IOException e) {
                problem = "connection lost (" + e.getClass().getSimpleName() + ")";
            }
            if (++tries >= MAX_TRIES) {
                throw new IOException(problem + "; gave up after " + tries + " tries");
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 15_000);
            long before = at;
            try {
                at = offset(path).orElseThrow(() -> new Refused(404, "the server no longer has the upload"))[0];
            } catch (IOException e) {
                continue; // still unreachable: try again after the next pause
            }
            if (at > before) {
                tries = 0;
            }
            bar.note(problem + ": resuming at " + ProgressBar.size(at) + " (" + at + " bytes)");
        }
    }

    private HttpResponse<String> patch(String path, Path file, long offset, long length, ProgressBar bar)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new FileFrom(file, offset, bar)), length - offset);
        return http.send(request(path).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON to the API; the answer's JSON. */
    JsonNode post(String path, String json, int expected) throws IOException, InterruptedException, Refused {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw refused(r);
        }
        return JSON.readTree(r.body());
    }

    private static long header(HttpResponse<?> r, String name) throws IOException {
        String v = r.headers().firstValue(name).orElseThrow(() -> new IOException("answer without " + name));
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException(name + " is not a number: " + v);
        }
    }

    static Refused refused(HttpResponse<String> r) {
        return new Refused(r.statusCode(), message(r));
    }

    private static String message(HttpResponse<String> r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: the status says it
        }
        return "HTTP " + r.statusCode();
    }

    /** The file from an offset, counting what the client has read into the bar. */
    private static final class FileFrom extends InputStream {
        private final FileChannel ch;
        private final ProgressBar bar;
        private long position;

        FileFrom(Path file, long offset, ProgressBar bar) {
            try {
                this.ch = FileChannel.open(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            this.bar = bar;
            this.position = offset;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = ch.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
                bar.at(position);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
