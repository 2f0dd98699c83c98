package io.minewatch.detect.infer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;

/** Where tests find the shared footage and the project's model cards (set by surefire). */
final class TestModels {

    private TestModels() {
    }

    static Path shared() {
        String dir = System.getProperty("minewatch.shared");
        assertNotNull(dir, "system property minewatch.shared is not set");
        return Path.of(dir);
    }

    static Path image(String name) {
        return shared().resolve("media/images").resolve(name);
    }

    static Path yoloxNanoCardDir() {
        String dir = System.getProperty("minewatch.models");
        assertNotNull(dir, "system property minewatch.models is not set");
        return Path.of(dir, "yolox-nano");
    }

    static ModelCard yoloxNano() throws DetectorException {
        return ModelCard.load(yoloxNanoCardDir());
    }
}
