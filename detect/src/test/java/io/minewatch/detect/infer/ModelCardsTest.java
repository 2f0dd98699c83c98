package io.minewatch.detect.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards found by name beside the default one; a second card over the same weights; corrupt weights refused. */
class ModelCardsTest {
    @TempDir
    Path dir;

    @Test
    void aSecondCardSharesTheWeightsWithAnotherCategoryMap() throws Exception {
        ModelCards cards = new ModelCards(TestModels.yoloxNanoCardDir());
        assertEquals("yolox-nano", cards.defaultName());
        ModelCard strict = cards.get("yolox-nano-strict");
        ModelCard nano = cards.get(null);
        assertEquals(nano.modelFile().normalize(), strict.modelFile().normalize(), "same weights file");
        assertEquals(Category.HEAVY_VEHICLE, nano.categoryOf(nano.classes().indexOf("bus")));
        assertEquals(null, strict.categoryOf(strict.classes().indexOf("bus")), "the strict card ignores buses");
    }

    @Test
    void aCorruptedModelFileIsRefusedWithItsSha256() throws Exception {
        Path card = dir.resolve("site-model");
        Files.createDirectories(card);
        Files.writeString(card.resolve("model.yaml"),
                Files.readString(TestModels.yoloxNanoCardDir().resolve("model.yaml")));
        byte[] weights = Files.readAllBytes(TestModels.yoloxNanoCardDir().resolve("yolox_nano.onnx"));
        weights[weights.length / 2] ^= 0x5a; // one flipped byte in the middle of the weights
        Files.write(card.resolve("yolox_nano.onnx"), weights);
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));

        ModelCards cards = new ModelCards(card);
        DetectorException e = assertThrows(DetectorException.class, () -> cards.get("site-model"));
        assertTrue(e.getMessage().contains(actual), e.getMessage());
        assertTrue(e.getMessage().contains("yolox_nano.onnx"), e.getMessage());
    }

    @Test
    void anUnknownCardNameIsAClearError() {
        ModelCards cards = new ModelCards(TestModels.yoloxNanoCardDir());
        DetectorException e = assertThrows(DetectorException.class, () -> cards.get("no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
        assertThrows(DetectorException.class, () -> cards.get("../../etc"));
    }

    @Test
    void categoriesMustBeOnesTheRulesKnow() throws Exception {
        Path card = dir.resolve("odd");
        Files.createDirectories(card);
        Files.writeString(card.resolve("model.yaml"), Files.readString(TestModels.yoloxNanoCardDir()
                .resolve("model.yaml")).replace("truck: heavy_vehicle", "truck: lorry"));
        DetectorException e = assertThrows(DetectorException.class, () -> ModelCard.load(card));
        assertTrue(e.getMessage().contains("lorry"), e.getMessage());
    }
}
