package io.minewatch.tools.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Shared footage and model cards for the tools' tests (system properties set by the parent pom). */
public final class Footage {
    public static final String HAAR = "andrewssobral_haar_video1.avi";
    public static final String TRAFFIC = "cKuhn517_cvTrafficCam_traffic.mp4";

    private Footage() {
    }

    /** A clip under {@code minewatch.shared}/media/video; fails the test when it is missing. */
    public static Path video(String name) {
        String dir = System.getProperty("minewatch.shared");
        assertNotNull(dir, "system property minewatch.shared is not set");
        Path p = Path.of(dir, "media/video", name);
        assertTrue(Files.isRegularFile(p), "missing footage " + p + " (set MINEWATCH_SHARED)");
        return p;
    }

    /** The project's models folder ({@code minewatch.models}). */
    public static Path models() {
        String dir = System.getProperty("minewatch.models");
        assertNotNull(dir, "system property minewatch.models is not set");
        return Path.of(dir);
    }
}
