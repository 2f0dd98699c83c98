package io.minewatch.tools.flight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code scripts/flight upload VIDEO [SRT] --site S --server URL --user U [--name N] [--drone MODEL]}:
 * signs in, uploads the video (and its SRT) over tus with a progress bar on stderr, resuming after a
 * dropped connection (and, in a later run, an upload a previous run left unfinished), then submits the
 * flight ({@code POST /api/v1/flights}) and prints its id on stdout. The password comes from
 * {@code MINEWATCH_PASSWORD}, else a prompt without echo; never an argument.
 * Exit 0: submitted; 1: refused or failed (the server's message on stderr); 2: usage.
 */
public final class UploadCli {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final String USAGE = "usage: scripts/flight upload VIDEO [SRT] --site SITE --server URL --user USER"
            + " [--name NAME] [--drone MODEL]   (password: MINEWATCH_PASSWORD or a prompt)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadCli() {
    }

    public static void main(String[] args) {
        Console console = System.console();
        int status = run(args, System.getenv(), () -> console == null ? null : console.readPassword("password: "),
                ResumeState.defaultDir(System.getenv()), 1000, System.out, System.err);
        System.exit(status);
    }

    /**
     * The command, for tests and {@link #main}.
     *
     * @param prompt     asks for the password when the environment has none (null: cannot ask)
     * @param stateDir   where unfinished uploads are remembered
     * @param pauseMillis the first pause before a resumption
     */
    static int run(String[] args, Map<String, String> env, Supplier<char[]> prompt, Path stateDir, long pauseMillis,
                   PrintStream out, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String key = a.substring(2);
                if (!List.of("site", "server", "user", "name", "drone").contains(key) || i + 1 >= args.length) {
                    err.println("flight upload: unknown option or missing value: " + a + "\n" + USAGE);
                    return EXIT_USAGE;
                }
                opts.put(key, args[++i]);
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty() || files.size() > 2 || !opts.containsKey("server") || !opts.containsKey("user")
                || !opts.containsKey("site")) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        for (String f : files) {
            if (!Files.isRegularFile(Path.of(f))) {
                err.println("flight upload: no such file: " + f);
                return EXIT_USAGE;
            }
        }
        String password = env.get("MINEWATCH_PASSWORD");
        if (password == null || password.isEmpty()) {
            char[] typed = prompt.get();
            if (typed == null || typed.length == 0) {
                err.println("flight upload: no password (set MINEWATCH_PASSWORD or run at a terminal)");
                return EXIT_USAGE;
            }
            password = new String(typed);
        }
        String server = opts.get("server").replaceAll("/+$", "");
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            TusClient tus = signIn(http, server, opts.get("user"), password, pauseMillis);
            ResumeState state = new ResumeState(stateDir);
            List<String> ids = new ArrayList<>();
            for (String f : files) {
                ids.add(upload(tus, state, server, opts.get("user"), Path.of(f), err));
            }
            ObjectNode body = JSON.createObjectNode().put("video_upload", ids.get(0)).put("site", opts.get("site"));
            if (ids.size() > 1) {
                body.put("telemetry_upload", ids.get(1));
            }
            if (opts.containsKey("name")) {
                body.put("name", opts.get("name"));
            }
            if (opts.containsKey("drone")) {
                body.put("drone_model", opts.get("drone"));
            }
            JsonNode flight;
            try {
                flight = tus.post("/api/v1/flights", body.toString(), 201);
            } finally {
                for (String f : files) {
                    state.forget(server, opts.get("user"), Path.of(f));
                }
            }
            out.println(flight.get("id").asText());
            err.println("flight " + flight.get("id").asText() + " submitted");
            return 0;
        } catch (TusClient.Refused e) {
            err.println("flight upload: refused (" + e.status + "): " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("flight upload: failed: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("flight upload: interrupted");
            return EXIT_FAILED;
        }
    }

    private static TusClient signIn(HttpClient http, String server, String user, String password, long pause)
            throws IOException, InterruptedException, TusClient.Refused {
        String body = JSON.createObjectNode().put("user", user).put("password", password).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw TusClient.refused(r);
        }
        String cookie = r.headers().firstValue("set-cookie").orElseThrow(() -> new IOException("no session cookie"));
        return new TusClient(http, server, cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length()
                : cookie.indexOf(';')), JSON.readTree(r.body()).get("csrf").asText(), pause);
    }

    /** Uploads one file, resuming an upload a previous run left; answers the upload id. */
    private static String upload(TusClient tus, ResumeState state, String server, String user, Path file,
                                 PrintStream err) throws IOException, InterruptedException, TusClient.Refused {
        long length = Files.size(file);
        String name = file.getFileName().toString();
        ProgressBar bar = new ProgressBar(err, name, length);
        String path = null;
        long offset = 0;
        var known = state.find(server, user, file);
        if (known.isPresent()) {
            var at = tus.offset(known.get());
            if (at.isPresent() && at.get()[1] == length) {
                path = known.get();
                offset = at.get()[0];
                bar.note("resuming an earlier upload at " + ProgressBar.size(offset) + " (" + offset + " bytes)");
            }
        }
        if (path == null) {
            path = tus.create(name, length);
            state.save(server, user, file, path);
        }
        bar.at(offset);
        tus.upload(path, file, offset, length, bar);
        bar.finish();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
