package io.minewatch.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the shared footage and images ({@code minewatch.shared} system property, else the
 * MINEWATCH_SHARED environment variable, else {@code ../../shared} from a module folder) and the
 * project's model cards ({@code minewatch.models}, else {@code ../models}). The parent pom sets both
 * properties for surefire; nothing from the shared folder is ever copied into the repository.
 */
public final class SharedFiles {
    /** The freeway clip with the tanker at ~1 s (MPEG-4 320x240). */
    public static final String HAAR = "andrewssobral_haar_video1.avi";
    /** The street clip with parked cars and a school bus (H.264 640x360). */
    public static final String TRAFFIC = "cKuhn517_cvTrafficCam_traffic.mp4";
    /** The highway clip (H.264 1280x720). */
    public static final String HIGHWAY_720P = "mihailrc_highway_traffic.mp4";

    private SharedFiles() {
    }

    /** The shared folder (it may not exist; {@link #video} checks the file). */
    public static Path shared() {
        String dir = System.getProperty("minewatch.shared");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("MINEWATCH_SHARED");
        }
        return Path.of(dir == null || dir.isBlank() ? "../../shared" : dir);
    }

    /** {@code shared/media/video}. */
    public static Path videoDir() {
        return shared().resolve("media/video");
    }

    /** A clip under {@code shared/media/video}; fails the test when it is missing. */
    public static Path video(String name) {
        return existing(videoDir().resolve(name));
    }

    /** An image under {@code shared/media/images}; fails the test when it is missing. */
    public static Path image(String name) {
        return existing(shared().resolve("media/images").resolve(name));
    }

    /** The project's models folder. */
    public static Path models() {
        String dir = System.getProperty("minewatch.models");
        return Path.of(dir == null || dir.isBlank() ? "../models" : dir);
    }

    /** One model card's folder under {@link #models()}, e.g. {@code yolox-nano}. */
    public static Path model(String card) {
        return models().resolve(card);
    }

    private static Path existing(Path p) {
        assertTrue(Files.isRegularFile(p), "missing shared file " + p
                + " (set -Dminewatch.shared or MINEWATCH_SHARED)");
        return p;
    }
}
