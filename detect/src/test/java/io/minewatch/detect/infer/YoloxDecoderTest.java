package io.minewatch.detect.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloxDecoderTest {

    private static final int ROW = 85;
    private static final int CAR = 2;
    private static final int DOG = 16;
    private static final int TRUCK = 7;

    private static ModelCard card;
    private static YoloxDecoder decoder;

    @BeforeAll
    static void loadCard() throws DetectorException {
        card = TestModels.yoloxNano();
        decoder = new YoloxDecoder(card);
    }

    /** Row index of grid cell (gx, gy) at a stride: 52x52 cells of stride 8, then 26x26, then 13x13. */
    private static int row(int stride, int gx, int gy) {
        int offset = switch (stride) {
            case 8 -> 0;
            case 16 -> 52 * 52;
            case 32 -> 52 * 52 + 26 * 26;
            default -> throw new IllegalArgumentException();
        };
        return offset + gy * (416 / stride) + gx;
    }

    private static void cell(float[] out, int row, float tx, float ty, float tw, float th,
                             float obj, int cls, float clsProb) {
        int b = row * ROW;
        out[b] = tx;
        out[b + 1] = ty;
        out[b + 2] = tw;
        out[b + 3] = th;
        out[b + 4] = obj;
        out[b + 5 + cls] = clsProb;
    }

    @Test
    void outputIs3549RowsOf85() {
        assertEquals(3549 * 85, decoder.expectedLength());
    }

    @Test
    void oneCellDecodesToItsBoxInSourcePixels() {
        float[] out = new float[3549 * ROW];
        // stride 16, cell (gx=10, gy=5): cx = (0.5+10)*16 = 168, cy = (0.25+5)*16 = 84,
        // w = e^ln4 * 16 = 64, h = e^0 * 16 = 16 -> [136, 76, 200, 92] in tensor pixels.
        cell(out, row(16, 10, 5), 0.5f, 0.25f, (float) Math.log(4), 0f, 0.9f, TRUCK, 0.8f);
        out[row(16, 10, 5) * ROW + 5 + CAR] = 0.5f; // a weaker class in the same row loses
        List<Detection> dets = decoder.decode(out, 0.5f, 640, 480);
        assertEquals(1, dets.size());
        Detection d = dets.get(0);
        assertEquals(TRUCK, d.classId());
        assertEquals("truck", d.label());
        assertEquals(Category.HEAVY_VEHICLE, d.category());
        assertEquals(0.72f, d.score(), 1e-6f);
        // divided by r = 0.5
        assertEquals(new Box(272f, 152f, 400f, 184f), round(d.box()));
    }

    @Test
    void boxesAreClippedToTheImage() {
        float[] out = new float[3549 * ROW];
        // stride 32, cell (0, 12): cx = 16, cy = 400, w = h = e^2 * 32 ~ 236
        cell(out, row(32, 0, 12), 0.5f, 0.5f, 2f, 2f, 1f, CAR, 0.9f);
        Box b = decoder.decode(out, 1f, 416, 416).get(0).box();
        assertEquals(0f, b.x1());
        assertEquals(416f, b.y2());
        assertTrue(b.x2() > 100f && b.y1() < 300f);
    }

    @Test
    void unmappedClassesAndLowScoresAreDropped() {
        float[] out = new float[3549 * ROW];
        cell(out, row(8, 1, 1), 0f, 0f, 0f, 0f, 0.99f, DOG, 0.99f); // dog: not in categories
        cell(out, row(8, 30, 30), 0f, 0f, 0f, 0f, 0.5f, CAR, 0.5f); // 0.25 < min_score 0.3
        cell(out, row(8, 40, 40), 0f, 0f, 0f, 0f, 0.6f, CAR, 0.6f); // 0.36 kept
        List<Detection> dets = decoder.decode(out, 1f, 416, 416);
        assertEquals(1, dets.size());
        assertEquals("car", dets.get(0).label());
        assertEquals(Category.VEHICLE, dets.get(0).category());
    }

    @Test
    void aClassWithItsOwnMinScoreIsKeptOnlyAboveIt(@TempDir Path dir) throws Exception {
        String text = Files.readString(TestModels.yoloxNanoCardDir().resolve("model.yaml"));
        assertTrue(text.contains("\n  truck: heavy_vehicle\n"), "the default card maps truck in the short form");
        Path yaml = dir.resolve("model.yaml");
        Files.writeString(yaml, text.replace("\n  truck: heavy_vehicle\n",
                "\n  truck: {category: heavy_vehicle, min_score: 0.5}\n"));
        ModelCard strictTrucks = ModelCard.load(yaml);
        assertEquals(0.5f, strictTrucks.minScoreOf(TRUCK));
        assertEquals(0.3f, strictTrucks.minScoreOf(CAR), "other classes keep the card's min_score");
        float[] out = new float[3549 * ROW];
        cell(out, row(8, 10, 10), 0f, 0f, 0f, 0f, 0.9f, TRUCK, 0.5f);  // truck 0.45: under its own 0.5
        cell(out, row(8, 40, 40), 0f, 0f, 0f, 0f, 0.9f, TRUCK, 0.6f);  // truck 0.54: kept
        cell(out, row(8, 20, 30), 0f, 0f, 0f, 0f, 0.6f, CAR, 0.6f);    // car 0.36: over the card's 0.3
        List<Detection> dets = new YoloxDecoder(strictTrucks).decode(out, 1f, 416, 416);
        assertEquals(List.of("car", "truck"), dets.stream().map(Detection::label).sorted().toList());
        assertEquals(0.54f, dets.stream().filter(d -> d.classId() == TRUCK).findFirst().orElseThrow().score(), 1e-6f);
        // the same output through the default card keeps both trucks
        assertEquals(2, decoder.decode(out, 1f, 416, 416).stream().filter(d -> d.classId() == TRUCK).count());
    }

    @Test
    void bestClassIsTakenBeforeFilteringSoADogIsNotRelabelledACar() {
        float[] out = new float[3549 * ROW];
        cell(out, row(8, 3, 3), 0f, 0f, 0f, 0f, 0.9f, DOG, 0.9f);
        out[row(8, 3, 3) * ROW + 5 + CAR] = 0.6f;
        assertEquals(List.of(), decoder.decode(out, 1f, 416, 416));
    }

    @Test
    void neighbouringCellsOnOneObjectAreMergedPerClass() {
        float[] out = new float[3549 * ROW];
        cell(out, row(16, 10, 10), 0.5f, 0.5f, 1f, 1f, 0.9f, TRUCK, 0.9f);
        cell(out, row(16, 11, 10), -0.4f, 0.5f, 1f, 1f, 0.8f, TRUCK, 0.9f); // same box, lower
        cell(out, row(16, 10, 11), 0.5f, -0.5f, 1f, 1f, 0.7f, CAR, 0.9f);  // same box, other class
        List<Detection> dets = decoder.decode(out, 1f, 416, 416);
        assertEquals(2, dets.size());
        assertEquals("truck", dets.get(0).label());
        assertEquals(0.81f, dets.get(0).score(), 1e-6f);
        assertEquals("car", dets.get(1).label());
    }

    @Test
    void wrongOutputSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(new float[3549 * 84], 1f, 416, 416));
        assertTrue(e.getMessage().contains("301665"), e.getMessage());
    }

    private static Box round(Box b) {
        return new Box(Math.round(b.x1() * 1000) / 1000f, Math.round(b.y1() * 1000) / 1000f,
                Math.round(b.x2() * 1000) / 1000f, Math.round(b.y2() * 1000) / 1000f);
    }
}
