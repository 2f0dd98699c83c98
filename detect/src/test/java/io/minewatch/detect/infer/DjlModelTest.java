package io.minewatch.detect.infer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading failures: each names the model file and says what to do. */
class DjlModelTest {

    @TempDir
    Path tmp;

    private Path cardInTemp(String yaml, boolean withModel) throws Exception {
        Files.writeString(tmp.resolve("model.yaml"), yaml);
        if (withModel) {
            Files.copy(TestModels.yoloxNano().modelFile(), tmp.resolve("yolox_nano.onnx"));
        }
        return tmp;
    }

    private static String realCardText() throws Exception {
        return Files.readString(TestModels.yoloxNanoCardDir().resolve("model.yaml"));
    }

    @Test
    void missingWeightsSayRunFetchModels() throws Exception {
        ModelCard card = ModelCard.load(cardInTemp(realCardText(), false));
        DetectorException e = assertThrows(DetectorException.class, () -> DjlObjectDetector.open(card, 1));
        assertTrue(e.getMessage().contains(tmp.resolve("yolox_nano.onnx").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-models"), e.getMessage());
    }

    @Test
    void aCardWhoseClassesDoNotFitTheNetworkFailsAtLoad() throws Exception {
        // 79 classes: the network's 85-float rows no longer match 5 + classes.
        ModelCard card = ModelCard.load(cardInTemp(realCardText().replace("  - toothbrush  # 79\n", ""), true));
        DetectorException e = assertThrows(DetectorException.class, () -> DjlModel.load(card, 1));
        assertTrue(e.getMessage().contains("does not fit card"), e.getMessage());
        assertTrue(e.getMessage().contains("yolox_nano.onnx"), e.getMessage());
    }

    @Test
    void aWrongInputNameFailsAtLoad() throws Exception {
        ModelCard card = ModelCard.load(cardInTemp(realCardText().replace("name: images", "name: input"), true));
        DetectorException e = assertThrows(DetectorException.class, () -> DjlModel.load(card, 1));
        assertTrue(e.getMessage().contains("says input input"), e.getMessage());
    }
}
