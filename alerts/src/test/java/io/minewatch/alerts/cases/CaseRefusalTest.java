package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.testing.Databases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the case desk names its field or state, writes nothing (no row, no step, no message) and
 * leaves the case as it was.
 */
class CaseRefusalTest {

    @TempDir
    Path dir;

    @Test
    void everyRefusalNamesWhatIsWrongAndWritesNothing() throws Exception {
        try (CaseRig rig = new CaseRig(Databases.SQLITE, dir)) {
            CaseService desk = rig.desk;
            String alert = rig.alert("road-1", "cam-7", "heavy_vehicle", "tough", 30.45, 114.30);
            CaseView k = desk.open(new Intake("alert", List.of(alert), null, null, null, null, null, null, null, null),
                    "cc");
            assertEquals("south", k.district(), "by polygon: the south district");
            String id = k.id();
            int messages = rig.committed.size();

            refused(rig, CaseException.Kind.CONFLICT, "already in case " + id, () -> desk.open(new Intake("alert",
                    List.of(alert), null, null, null, null, null, null, null, null), "cc"));
            refused(rig, CaseException.Kind.INVALID, "alerts: unknown alert nope", () -> desk.open(new Intake("alert",
                    List.of("nope"), null, null, null, null, null, null, null, null), "cc"));
            refused(rig, CaseException.Kind.INVALID, "source", () -> desk.open(new Intake("fax", List.of(), null,
                    null, null, null, null, null, "Xinhe", null), "cc"));
            refused(rig, CaseException.Kind.INVALID, "township", () -> desk.open(new Intake("hotline", List.of(),
                    null, null, null, null, 10.0, 10.0, null, null), "cc"));
            refused(rig, CaseException.Kind.INVALID, "township: unknown township Oldtown", () -> desk.open(
                    new Intake("hotline", List.of(), null, null, null, null, null, null, "Oldtown", null), "cc"));
            refused(rig, CaseException.Kind.INVALID, "level", () -> desk.open(new Intake("hotline", List.of(),
                    null, null, null, null, null, null, "Xinhe", "urgent"), "cc"));
            refused(rig, CaseException.Kind.NOT_FOUND, "no case C-1", () -> desk.dispatch("C-1", null, "cc"));
            refused(rig, CaseException.Kind.CONFLICT, "is intake", () -> desk.onSite(id, onSite("SAND-FARM"), "li"));
            refused(rig, CaseException.Kind.CONFLICT, "is intake", () -> desk.close(id, List.of(), "li"));
            refused(rig, CaseException.Kind.INVALID, "team: unknown team east-9", () -> desk.dispatch(id, "east-9",
                    "cc"));
            String far = desk.open(new Intake("hotline", List.of(), null, null, null, null, 31.5, 115.0, "Xinhe",
                    null), "cc").id();
            refused(rig, CaseException.Kind.INVALID, "team: the case lies in no district",
                    () -> desk.dispatch(far, null, "cc"));

            assertEquals("south-1", desk.dispatch(id, null, "cc").team());
            refused(rig, CaseException.Kind.CONFLICT, "is dispatched", () -> desk.dispatch(id, "north-1", "cc"));
            refused(rig, CaseException.Kind.CONFLICT, "no on-site record", () -> desk.close(id, List.of(), "li"));
            refused(rig, CaseException.Kind.INVALID, "matters: unknown matter NOPE",
                    () -> desk.onSite(id, onSite("NOPE"), "li"));
            refused(rig, CaseException.Kind.INVALID, "staff", () -> desk.onSite(id, new OnSite(null, -1, 0, false,
                    false, List.of(), List.of(), List.of()), "li"));
            refused(rig, CaseException.Kind.INVALID, "plates", () -> desk.onSite(id, new OnSite(null, 1, 0, false,
                    false, List.of("a b;c--x<script>"), List.of(), List.of()), "li"));
            Path notImage = dir.resolve("x.jpg");
            Files.writeString(notImage, "GIF89a...");
            refused(rig, CaseException.Kind.INVALID, "not a image/jpeg", () -> desk.addPhoto(id, notImage,
                    "image/jpeg", "li"));
            refused(rig, CaseException.Kind.INVALID, "content_type", () -> desk.addPhoto(id, notImage,
                    "image/gif", "li"));
            byte[] big = new byte[(1 << 20) + 1];
            big[0] = (byte) 0xFF;
            big[1] = (byte) 0xD8;
            big[2] = (byte) 0xFF;
            Path tooBig = dir.resolve("big.jpg");
            Files.write(tooBig, big);
            refused(rig, CaseException.Kind.INVALID, "photo: 1 to 1048576 bytes, got 1048577",
                    () -> desk.addPhoto(id, tooBig, "image/jpeg", "li"));
            refused(rig, CaseException.Kind.NOT_FOUND, "no case C-20261112-0999",
                    () -> desk.addPhoto("C-20261112-0999", tooBig, "image/jpeg", "li"));
            Path png = dir.resolve("p.png");
            Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0});
            assertEquals("image/png", desk.addPhoto(id, png, "image/png", "li").contentType());
            assertEquals(1, desk.find(id).orElseThrow().photos().size());
            desk.onSite(id, new OnSite(null, 1, 0, false, false, List.of(), List.of(), List.of()), "li");
            refused(rig, CaseException.Kind.CONFLICT, "no identified matter", () -> desk.close(id, List.of(), "li"));
            desk.onSite(id, onSite("SAND-FARM", "OVERLOAD"), "li");
            refused(rig, CaseException.Kind.INVALID, "outcomes.SAND-FARM: matter SAND-FARM has no outcome",
                    () -> desk.close(id, List.of(new Outcome("OVERLOAD", "referred", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "outcomes.OVERLOAD: matter OVERLOAD has no outcome",
                    () -> desk.close(id, List.of(new Outcome("SAND-FARM", "dismissed", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "outcomes.SAND-FARM.notice_no: required for penalty",
                    () -> desk.close(id, List.of(new Outcome("SAND-FARM", "penalty", null, new BigDecimal("100"),
                            null), new Outcome("OVERLOAD", "referred", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "outcomes.SAND-FARM.penalty_yuan",
                    () -> desk.close(id, List.of(new Outcome("SAND-FARM", "penalty", "N-1", BigDecimal.ZERO, null),
                            new Outcome("OVERLOAD", "referred", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "outcomes.SAND-FARM.notice_no: required for notice",
                    () -> desk.close(id, List.of(new Outcome("SAND-FARM", "notice", " ", null, null),
                            new Outcome("OVERLOAD", "referred", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "outcomes.OVERLOAD: a whistled matter not yet reported",
                    () -> desk.close(id, List.of(new Outcome("SAND-FARM", "rectified", null, null, null),
                            new Outcome("OVERLOAD", "dismissed", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "outcomes.RIVER-SAND: matter RIVER-SAND is not in case",
                    () -> desk.close(id, List.of(new Outcome("RIVER-SAND", "rectified", null, null, null)), "li"));
            refused(rig, CaseException.Kind.INVALID, "kind", () -> desk.close(id, List.of(new Outcome("SAND-FARM",
                    "fined", null, null, null)), "li"));
            refused(rig, CaseException.Kind.CONFLICT, "only a closed case is reviewed",
                    () -> desk.review(id, new Review(CaseLoopTest.all(true, null), null), "legal"));
            String whistle = desk.find(id).orElseThrow().whistles().get(0).id();
            refused(rig, CaseException.Kind.NOT_FOUND, "no whistle W-0", () -> desk.acknowledge("W-0", "t"));
            refused(rig, CaseException.Kind.INVALID, "code: whistle " + whistle + " is about matter OVERLOAD",
                    () -> desk.report(whistle, new Outcome("SAND-FARM", "rectified", null, null, null), "t"));
            desk.acknowledge(whistle, "t");
            refused(rig, CaseException.Kind.CONFLICT, "already acknowledged", () -> desk.acknowledge(whistle, "t"));

            desk.close(id, List.of(new Outcome("SAND-FARM", "rectified", null, null, null),
                    new Outcome("OVERLOAD", "referred", null, null, null)), "li");
            refused(rig, CaseException.Kind.CONFLICT, "is closed", () -> desk.onSite(id, onSite("SAND-FARM"), "li"));
            refused(rig, CaseException.Kind.CONFLICT, "photos belong to the on-site step",
                    () -> desk.addPhoto(id, png2(dir), "image/png", "li"));
            Map<String, Boolean> missing = new java.util.HashMap<>(CaseLoopTest.all(true, null));
            missing.remove("evidence");
            refused(rig, CaseException.Kind.INVALID, "checklist.evidence: not answered",
                    () -> desk.review(id, new Review(missing, null), "legal"));
            Map<String, Boolean> unknown = new java.util.HashMap<>(CaseLoopTest.all(true, null));
            unknown.put("coffee", true);
            refused(rig, CaseException.Kind.INVALID, "checklist.coffee: unknown checklist point",
                    () -> desk.review(id, new Review(unknown, null), "legal"));
            refused(rig, CaseException.Kind.INVALID, "note: a failed review needs a note",
                    () -> desk.review(id, new Review(CaseLoopTest.all(true, "outcomes"), " "), "legal"));
            assertEquals("closed", desk.find(id).orElseThrow().state());
            assertTrue(rig.committed.size() > messages);
        }
    }

    private static Path png2(Path dir) throws java.io.IOException {
        Path png = dir.resolve("p2.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1});
        return png;
    }

    private static OnSite onSite(String... codes) {
        return new OnSite(null, 1, 1, false, false, List.of(), List.of(),
                java.util.Arrays.stream(codes).map(c -> new OnSite.MatterPick(c, null)).toList());
    }

    /** The call is refused with this kind and a message containing {@code text}, and nothing is written. */
    private static void refused(CaseRig rig, CaseException.Kind kind, String text, Executable call) {
        int before = rig.committed.size();
        int audits = rig.audited.size();
        CaseException e = assertThrows(CaseException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "\"" + e.getMessage() + "\" names " + text);
        assertEquals(before, rig.committed.size(), "no message for a refused step: " + text);
        assertEquals(audits, rig.audited.size(), "no audit entry for a refused step: " + text);
    }
}
