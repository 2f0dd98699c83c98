package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real launcher in a child JVM on broken configurations: each must stop start-up with one
 * line on stderr naming what is wrong, and a non-zero exit status, before any model or port is touched.
 */
class MainConfigErrorTest {
    @TempDir
    Path dir;

    private static final String SITE = """
            sites:
              - id: river
                lat: 30.5
                lon: 114.3
            """;

    @Test
    void unknownKeyIsNamedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("clip.avi"), "x");
        Result r = run(SITE + """
                cameras:
                  - id: cam-1
                    site: river
                    detect: clip.avi
                    detcet_fps: 5
                """);
        assertEquals(Main.EXIT_CONFIG, r.status, r.stderr);
        assertOneLine(r, "line 9", "cameras[0].detcet_fps", "unknown key");
    }

    @Test
    void duplicateCameraIdIsNamed() throws Exception {
        Files.writeString(dir.resolve("clip.avi"), "x");
        Result r = run(SITE + """
                cameras:
                  - id: cam-1
                    site: river
                    detect: clip.avi
                  - id: cam-1
                    site: river
                    detect: clip.avi
                """);
        assertEquals(Main.EXIT_CONFIG, r.status, r.stderr);
        assertOneLine(r, "cameras[1].id", "duplicate", "cam-1");
    }

    @Test
    void missingCameraFileIsNamed() throws Exception {
        Result r = run(SITE + """
                cameras:
                  - id: cam-1
                    site: river
                    detect: no-such-clip.mp4
                """);
        assertEquals(Main.EXIT_CONFIG, r.status, r.stderr);
        assertOneLine(r, "cameras[0].detect", "no-such-clip.mp4", "not found");
    }

    private static void assertOneLine(Result r, String... parts) {
        List<String> lines = r.stderr.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "expected one line on stderr, got:\n" + r.stderr);
        for (String part : parts) {
            assertTrue(lines.get(0).contains(part), "'" + part + "' missing from: " + lines.get(0));
        }
        assertTrue(lines.get(0).startsWith("minewatch: "), lines.get(0));
    }

    private Result run(String yaml) throws IOException, InterruptedException {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, yaml);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not exit");
        return new Result(p.exitValue(), err);
    }

    private record Result(int status, String stderr) {
    }
}
