package io.minewatch.tools.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.testkit.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flight telemetry FILE}: JSON lines on stdout, what it could not read on stderr, exit 0 only with a position. */
class TelemetryCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheTrackAsJsonLines() throws Exception {
        Path file = SharedFiles.shared().resolve("media/telemetry/p4_rtk.SRT");
        assertEquals(0, run(file.toString()));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(55, lines.size());
        assertEquals("{\"t\":0.0,\"lat\":-34.237922,\"lon\":-58.851745,\"alt_rel\":85.8}", lines.get(0));
        JsonNode last = new ObjectMapper().readTree(lines.get(54));
        assertEquals(54.0, last.get("t").asDouble());
        assertEquals(-34.232349, last.get("lat").asDouble());
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith(file + ": 55 records, 55 positions over 54.000 s; times from cue times (-->); "
                + "GPS(...) read as (lon, lat, ...)"), e);
        out.reset();
        err.reset();
        assertEquals(0, run(SharedFiles.shared().resolve("media/telemetry/CallMarcus_air3S_clip.SRT").toString()));
        assertEquals("{\"t\":0.0,\"lat\":34.270373,\"lon\":-84.17616,\"alt_rel\":0.0,\"alt_abs\":302.208}",
                out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    }

    @Test
    void problemsGoToStderrWithTheirLines() throws Exception {
        Path file = dir.resolve("zero.SRT");
        Files.writeString(file, "1\n00:00:00,000 --> 00:00:01,000\nGPS(0.0,0.0,0) BAROMETER:1.0\n\n"
                + "2\n00:00:01,000 --> 00:00:02,000\nGPS(149.0251,-20.2533,16) BAROMETER:1.9\n");
        assertEquals(0, run(file.toString(), "--fps", "25"));
        assertEquals("{\"t\":1.0,\"lat\":-20.2533,\"lon\":149.0251,\"alt_rel\":1.9}\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(file + ": line 3: coordinates 0, 0 (no GPS fix yet, "
                + "not a place)"), err.toString(StandardCharsets.UTF_8));

        Files.writeString(file, "1\n00:00:00,000 --> 00:00:01,000\nGPS(0.0,0.0,0) BAROMETER:1.0\n");
        err.reset();
        out.reset();
        assertEquals(1, run(file.toString()));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run(dir.resolve("missing.SRT").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.SRT: cannot read: no such file"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrors() {
        assertEquals(2, run());
        assertEquals(2, run("a.SRT", "--fps", "fast"));
        assertEquals(2, run("a.SRT", "--fps", "0"));
        assertEquals(2, run("a.SRT", "b.SRT"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: scripts/flight telemetry FILE [--fps N]"));
    }

    private int run(String... args) {
        return TelemetryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
