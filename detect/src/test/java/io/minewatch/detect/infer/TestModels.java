package io.minewatch.detect.infer;

import io.minewatch.testkit.SharedFiles;
import java.nio.file.Path;

/** Where tests find the shared footage and the project's model cards (set by surefire). */
final class TestModels {

    private TestModels() {
    }

    static Path image(String name) {
        return SharedFiles.image(name);
    }

    static Path yoloxNanoCardDir() {
        return SharedFiles.model("yolox-nano");
    }

    static ModelCard yoloxNano() throws DetectorException {
        return ModelCard.load(yoloxNanoCardDir());
    }
}
