package io.minewatch.detect.infer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    private static final String SHA = "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14";

    @TempDir
    Path tmp;

    private static String realCardText() throws IOException {
        return Files.readString(TestModels.yoloxNanoCardDir().resolve("model.yaml"));
    }

    /** Writes a card into the temp dir and returns its path. */
    private Path writeCard(String yaml) throws IOException {
        Path card = tmp.resolve("model.yaml");
        Files.writeString(card, yaml, StandardCharsets.UTF_8);
        return card;
    }

    private DetectorException loadFails(String yaml) throws IOException {
        Path card = writeCard(yaml);
        DetectorException e = assertThrows(DetectorException.class, () -> ModelCard.load(card));
        assertTrue(e.getMessage().contains(card.toString()), "names the card file: " + e.getMessage());
        return e;
    }

    @Test
    void theDefaultCardReadsAsTheSharedReadmeSays() throws Exception {
        ModelCard card = TestModels.yoloxNano();
        assertEquals("yolox-nano", card.name());
        assertEquals(SHA, card.sha256());
        assertEquals(3_660_092L, card.sizeBytes());
        assertEquals(80, card.classes().size());
        assertEquals(List.of("person", "bicycle", "car"), card.classes().subList(0, 3));
        assertEquals("truck", card.classes().get(7));
        assertEquals(Category.HEAVY_VEHICLE, card.categoryOf(7));
        assertEquals(Category.HEAVY_VEHICLE, card.categoryOf(6));
        assertEquals(Category.VEHICLE, card.categoryOf(2));
        assertNull(card.categoryOf(16), "dog is ignored");
        assertEquals(new InputSpec("images", 416, 416, "BGR", 1f, "top-left", 114), card.input());
        assertEquals(List.of(8, 16, 32), card.output().strides());
        assertEquals(0.45f, card.nmsIou());
        assertEquals(0.3f, card.minScore());
        assertEquals(TestModels.yoloxNanoCardDir().resolve("yolox_nano.onnx").toAbsolutePath(), card.modelFile());
        assertTrue(card.sources().get(0).startsWith("https://"));
    }

    @Test
    void aCardCanBeNamedByItsYamlFile() throws Exception {
        ModelCard card = ModelCard.load(TestModels.yoloxNanoCardDir().resolve("model.yaml"));
        assertEquals("yolox-nano", card.name());
    }

    @Test
    void theFetchedModelMatchesItsCard() throws Exception {
        ModelCard card = TestModels.yoloxNano();
        assertDoesNotThrow(card::verify, "run scripts/fetch-models first");
    }

    @Test
    void wrongSha256NamesFileExpectedAndActual() throws Exception {
        ModelCard card = ModelCard.load(writeCard(realCardText()));
        Files.writeString(tmp.resolve("yolox_nano.onnx"), "not a model");
        DetectorException e = assertThrows(DetectorException.class, card::verify);
        String actual = sha256Hex("not a model");
        assertTrue(e.getMessage().contains(tmp.resolve("yolox_nano.onnx").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + SHA), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + actual), e.getMessage());
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void missingModelFileSaysToRunFetchModels() throws Exception {
        ModelCard card = ModelCard.load(writeCard(realCardText()));
        DetectorException e = assertThrows(DetectorException.class, card::verify);
        assertTrue(e.getMessage().contains("yolox_nano.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-models"), e.getMessage());
    }

    @Test
    void missingCardFileIsNamed() {
        Path nowhere = tmp.resolve("no-such-model");
        DetectorException e = assertThrows(DetectorException.class, () -> ModelCard.load(nowhere));
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    }

    @Test
    void unknownTopLevelKeyIsNamed() throws Exception {
        DetectorException e = loadFails(realCardText() + "nms_threshold: 0.5\n");
        assertTrue(e.getMessage().contains("unknown key 'nms_threshold'"), e.getMessage());
    }

    @Test
    void unknownNestedKeyIsNamedWithItsPath() throws Exception {
        DetectorException e = loadFails(realCardText().replace("  pad_value: 114", "  pad_value: 114\n  mean: 0"));
        assertTrue(e.getMessage().contains("unknown key 'input.mean'"), e.getMessage());
    }

    @Test
    void missingKeyIsNamed() throws Exception {
        DetectorException e = loadFails(realCardText().replace("min_score: 0.3\n", ""));
        assertTrue(e.getMessage().contains("min_score"), e.getMessage());
    }

    @Test
    void categoryThatIsNotAClassIsRefused() throws Exception {
        DetectorException e = loadFails(realCardText().replace("  car: vehicle", "  excavator: heavy_vehicle"));
        assertTrue(e.getMessage().contains("categories: 'excavator' is not one of the 80 classes"), e.getMessage());
    }

    @Test
    void categoryOutsideTheEnumIsRefusedNamingKeyAndValue() throws Exception {
        DetectorException e = loadFails(realCardText().replace("  car: vehicle", "  car: digger"));
        assertTrue(e.getMessage().contains("categories") && e.getMessage().contains("'digger' is not a category"),
                e.getMessage());
        // camera is a category of tamper events, never of a model's class.
        DetectorException cam = loadFails(realCardText().replace("  car: vehicle", "  car: camera"));
        assertTrue(cam.getMessage().contains("maps to 'camera', not one of"), cam.getMessage());
    }

    @Test
    void aClassMinScoreIsReadCheckedAndNamed() throws Exception {
        String own = "\n  truck: {category: heavy_vehicle, min_score: 0.7}\n";
        ModelCard card = ModelCard.load(writeCard(realCardText().replace("\n  truck: heavy_vehicle\n", own)));
        assertEquals(new ClassMapping(Category.HEAVY_VEHICLE, 0.7f), card.categories().get("truck"));
        assertEquals(0.7f, card.minScoreOf(7));
        assertEquals(Category.HEAVY_VEHICLE, card.categoryOf(7));
        assertEquals(ClassMapping.of(Category.VEHICLE), card.categories().get("car"));
        assertEquals(Float.POSITIVE_INFINITY, card.minScoreOf(16), "dog is ignored at any score");

        DetectorException below = loadFails(realCardText().replace("\n  truck: heavy_vehicle\n",
                "\n  truck: {category: heavy_vehicle, min_score: 0.2}\n"));
        assertTrue(below.getMessage().contains("'truck' min_score 0.2 is below the card's min_score 0.3"),
                below.getMessage());
        DetectorException over = loadFails(realCardText().replace("\n  truck: heavy_vehicle\n",
                "\n  truck: {category: heavy_vehicle, min_score: 1.5}\n"));
        assertTrue(over.getMessage().contains("categories.truck") && over.getMessage().contains("[0, 1]"),
                over.getMessage());
        DetectorException typo = loadFails(realCardText().replace("\n  truck: heavy_vehicle\n",
                "\n  truck: {category: heavy_vehicle, minscore: 0.7}\n"));
        // a misspelt key leaves min_score missing: the error names the key it lacks
        assertTrue(typo.getMessage().contains("'categories.truck.min_score'"), typo.getMessage());
        DetectorException half = loadFails(realCardText().replace("\n  truck: heavy_vehicle\n",
                "\n  truck: {category: heavy_vehicle}\n"));
        assertTrue(half.getMessage().contains("categories.truck") && half.getMessage().contains("min_score"),
                "the long form needs both keys: " + half.getMessage());
    }

    @Test
    void categoriesKeepTheirLowerCaseWireNames() throws Exception {
        for (Category c : Category.values()) {
            assertEquals(c, Category.of(c.wire()));
            assertEquals("\"" + c.wire() + "\"", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(c));
        }
        assertEquals("heavy_vehicle", Category.HEAVY_VEHICLE.wire());
        assertEquals("dump_truck", Category.DUMP_TRUCK.wire());
        assertTrue(Category.EXCAVATOR.heavy() && !Category.VEHICLE.heavy() && !Category.CAMERA.heavy());
    }

    @Test
    void badHashAndOutOfRangeValuesAreRefused() throws Exception {
        assertTrue(loadFails(realCardText().replace(SHA, "abc")).getMessage().contains("sha256"));
        assertTrue(loadFails(realCardText().replace("pad_value: 114", "pad_value: 300"))
                .getMessage().contains("input.pad_value"));
        assertTrue(loadFails(realCardText().replace("nms_iou: 0.45", "nms_iou: 1.5"))
                .getMessage().contains("nms_iou"));
        assertTrue(loadFails(realCardText().replace("file: yolox_nano.onnx", "file: ../../etc/passwd"))
                .getMessage().contains("file:"));
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        DetectorException e = loadFails(realCardText() + "min_score: 0.9\n");
        assertTrue(e.getMessage().contains("min_score"), e.getMessage());
    }

    @Test
    void unknownDecoderIsRefusedWhenBuildingTheDecoder() throws Exception {
        ModelCard card = ModelCard.load(writeCard(realCardText().replace("decoder: yolox", "decoder: yolov8")));
        DetectorException e = assertThrows(DetectorException.class, () -> OutputDecoder.forCard(card));
        assertTrue(e.getMessage().contains("yolov8"), e.getMessage());
    }
}
