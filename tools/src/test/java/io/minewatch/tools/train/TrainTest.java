package io.minewatch.tools.train;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.DjlObjectDetector;
import io.minewatch.detect.infer.Letterbox;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.testkit.SharedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/train} end to end on a dataset built here from shared footage (the tanker on the
 * freeway clip, the school bus on the street clip, boxes from labels/*.labels): the weight import
 * reproduces the default card's table (the script refuses to train otherwise), a few iterations
 * train, the export loads through DJL as the server loads it, and the ONNX file's output equals
 * PyTorch's on a frame (max abs difference at most 1e-3). And bad data is refused naming the line.
 */
class TrainTest {
    private static final double ONNX_TOLERANCE = 1e-3;

    @TempDir
    Path dir;

    private static Path root() {
        return SharedFiles.models().toAbsolutePath().normalize().getParent();
    }

    private record Run(int exit, String output) {
    }

    private static Run train(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("scripts/train").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true);
        pb.environment().put("MINEWATCH_SHARED", SharedFiles.shared().toAbsolutePath().toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "scripts/train did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println(text);
        return new Run(p.exitValue(), text);
    }

    @Test
    void trainsOnClipFramesExportsAndTheServerLoadsTheCard() throws Exception {
        Path ds = dir.resolve("ds");
        ClipDataset.Counts counts = ClipDataset.build(List.of(
                new ClipDataset.Clip(SharedFiles.video(SharedFiles.HAAR),
                        root().resolve("labels/andrewssobral_haar_video1.labels"), 0.5, 4.5),
                new ClipDataset.Clip(SharedFiles.video(SharedFiles.TRAFFIC),
                        root().resolve("labels/cKuhn517_cvTrafficCam_traffic.labels"), 51, 57)),
                ds, 2, new ClipDataset.Split(1.0, 2, 1, 0));
        assertTrue(counts.images().get("train") >= 8 && counts.images().get("val") >= 3, counts.toString());
        java.util.Set<String> classIds;
        try (Stream<Path> s = Files.walk(ds.resolve("train/labels"))) {
            classIds = s.filter(Files::isRegularFile).flatMap(f -> read(f).lines()).map(l -> l.split(" ")[0])
                    .collect(java.util.stream.Collectors.toSet());
        }
        assertEquals(java.util.Set.of("0", "1"), classIds, "tanker frames labelled truck (0), bus frames bus (1)");

        // The frame both sides run: lossless, so PyTorch and ONNX Runtime see the same pixels.
        Path frame = dir.resolve("frame.png");
        try (Stream<Path> s = Files.list(ds.resolve("train/images/train"))) {
            Path jpg = s.sorted().findFirst().orElseThrow();
            try (Mat m = imread(jpg.toString())) {
                assertTrue(imwrite(frame.toString(), m));
            }
        }
        Path models = dir.resolve("models");
        Path dump = dir.resolve("pytorch.f32");
        Path report = dir.resolve("report.json");
        Run run = train("--data", ds.resolve("train").toString(), "--name", "site-test", "--out", models.toString(),
                "--epochs", "1", "--iters-per-epoch", "2", "--batch", "4", "--threads", "1", "--seed", "7",
                "--check-image", frame.toString(), "--check-out", dump.toString(), "--report", report.toString());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("import check: passed"), "the weight import was checked");

        // The card: loadable by the server unchanged, complete.
        ModelCard card = ModelCard.load(models.resolve("site-test"));
        card.verify();
        ModelCard base = ModelCard.load(SharedFiles.model("yolox-nano"));
        assertEquals(List.of("truck", "bus"), card.classes());
        assertEquals(Category.HEAVY_VEHICLE, card.categoryOf(0));
        assertEquals(Category.HEAVY_VEHICLE, card.categoryOf(1));
        assertEquals(base.input(), card.input());
        assertEquals(base.output(), card.output());
        String yaml = Files.readString(models.resolve("site-test/model.yaml"));
        for (String needed : List.of("Validation", "mAP@0.5", "truck: AP@0.5", "bus: AP@0.5", "train:", "val:",
                "Augmentation:", "seed 7", "ONNX export vs PyTorch")) {
            assertTrue(yaml.contains(needed), "card records '" + needed + "':\n" + yaml);
        }
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        double map = r.get("val_map50").asDouble();
        assertTrue(map >= 0 && map <= 1, "val mAP " + map);
        assertTrue(r.get("per_class").has("truck") && r.get("per_class").has("bus"), r.toString());

        // Through DJL, as the server runs a card.
        try (DjlObjectDetector detector = DjlObjectDetector.open(card, 1); Mat m = imread(frame.toString())) {
            for (Detection d : detector.detect(m)) {
                assertTrue(card.classes().contains(d.label()), d.toString());
                assertTrue(d.box().x2() <= m.cols() && d.box().y2() <= m.rows(), d.toString());
            }
        }

        // ONNX (ONNX Runtime, the server's letterbox) against PyTorch on the same frame.
        float[] pytorch = floats(dump);
        float[] onnx;
        try (Mat m = imread(frame.toString())) {
            Letterbox.Result in = new Letterbox(card.input()).apply(m);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(card.modelFile().toString(), new OrtSession.SessionOptions());
                 OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.chw()),
                         new long[] {1, 3, card.input().height(), card.input().width()});
                 OrtSession.Result out = session.run(Map.of("images", t))) {
                float[][][] o = (float[][][]) out.get(0).getValue();
                onnx = new float[o[0].length * o[0][0].length];
                for (int i = 0; i < o[0].length; i++) {
                    System.arraycopy(o[0][i], 0, onnx, i * o[0][i].length, o[0][i].length);
                }
            }
        }
        assertEquals(3549 * 7, onnx.length);
        assertEquals(onnx.length, pytorch.length);
        double max = 0;
        for (int i = 0; i < onnx.length; i++) {
            max = Math.max(max, Math.abs(onnx[i] - pytorch[i]));
        }
        System.out.println("max |ONNX - PyTorch| on the frame: " + max);
        assertTrue(max <= ONNX_TOLERANCE, "max abs difference " + max);
    }

    @Test
    void aLabelLineOutOfRangeIsRefusedNamingTheFileAndLine() throws Exception {
        Path ds = dir.resolve("bad");
        Files.createDirectories(ds.resolve("images"));
        Files.createDirectories(ds.resolve("labels"));
        Files.writeString(ds.resolve("classes.txt"), "excavator\n");
        try (Mat m = imread(SharedFiles.image("machines/jcb-240-lc.jpg").toString())) {
            imwrite(ds.resolve("images/a.jpg").toString(), m);
            imwrite(ds.resolve("images/b.jpg").toString(), m);
        }
        Files.writeString(ds.resolve("labels/a.txt"), "0 0.5 0.5 0.4 0.4\n");
        Files.writeString(ds.resolve("labels/b.txt"), "0 0.5 0.5 0.4 0.4\n3 0.5 0.5 0.2 0.2\n");
        Run run = train("--data", ds.toString(), "--name", "bad", "--out", dir.resolve("models").toString(),
                "--skip-import-check", "--threads", "1");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("b.txt:2: class 3 is not one of the 1 classes"), run.output());
        assertFalse(Files.exists(dir.resolve("models/bad/model.yaml")), "no card for refused data");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] floats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
