package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.testing.Databases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every state transition of a case on SQLite and PostgreSQL: intake from an alert row, dispatch by polygon,
 * on site (matters, whistles), a photo, close, a failed review that reopens, on site again, close, a passed
 * review; each step a case_step row, an audit entry and a cases/events message.
 */
class CaseLoopTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aCaseGoesThroughEveryState(String kind) throws Exception {
        try (CaseRig rig = new CaseRig(kind, dir)) {
            CaseService desk = rig.desk;
            String alert = rig.alert("road-1", "cam-7", "heavy_vehicle", "tough", 30.551, 114.301);
            CaseView k = desk.open(new Intake("alert", List.of(alert), null, null, null, null, null, null, null, null),
                    "cc");
            assertEquals("C-20261112-0001", k.id());
            assertEquals("intake", k.state());
            assertEquals("Xinhe", k.township());
            assertEquals("north", k.district());
            assertEquals("tough", k.level());
            assertEquals(List.of(alert), k.alerts());
            assertEquals(CaseRig.T0.toEpochMilli(), k.firstAlertAt());
            assertEquals(30.551, k.lat());

            k = desk.dispatch(k.id(), null, "cc");
            assertEquals("dispatched", k.state());
            assertEquals("north-1", k.team(), "the first team of the district the position lies in");
            assertEquals(CaseRig.T0.plus(Duration.ofHours(1)).toEpochMilli(), k.onSiteDeadline());

            rig.clock.advance(Duration.ofMinutes(20));
            k = desk.onSite(k.id(), new OnSite("two lorries", 4, 2, true, false, List.of(" 豫a12345 ", "豫B67890"),
                    List.of("driver Wang"), List.of(new OnSite.MatterPick("SAND-FARM", null),
                    new OnSite.MatterPick("OVERLOAD", "tough"))), "li-wei");
            assertEquals("on_site", k.state());
            assertEquals(List.of("豫A12345", "豫B67890"), k.onSite().get(0).record().plates());
            assertEquals(2, k.matters().size());
            assertEquals("township", matter(k, "SAND-FARM").handler());
            assertEquals("transport", matter(k, "OVERLOAD").handler());
            assertEquals("非法占用农用地采砂", matter(k, "SAND-FARM").name());
            assertEquals(1, k.whistles().size());
            WhistleView w = k.whistles().get(0);
            assertEquals("W-20261112-0001", w.id());
            assertEquals("tough", w.level());
            assertEquals(rig.clock.millis() + Duration.ofHours(1).toMillis(), w.ackDeadline());

            Path photo = dir.resolve("upload.jpg");
            Files.write(photo, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3});
            PhotoView p = desk.addPhoto(k.id(), photo, "image/jpeg", "li-wei");
            assertEquals(1, p.n());
            assertEquals(7, p.bytes());
            assertTrue(Files.isRegularFile(desk.photoFile(k.id(), 1).orElseThrow()));
            assertTrue(desk.photoFile(k.id(), 2).isEmpty());

            k = desk.close(k.id(), List.of(new Outcome("SAND-FARM", "penalty", "新罚〔2026〕17号",
                    new BigDecimal("5000.5"), null), new Outcome("OVERLOAD", "referred", null, null, "to transport")),
                    "li-wei");
            assertEquals("closed", k.state());
            assertEquals(new BigDecimal("5000.50"), matter(k, "SAND-FARM").outcome().penaltyYuan());
            assertEquals("issued", desk.whistle(w.id()).orElseThrow().state(), "referred: the whistle stays open");

            k = desk.review(k.id(), new Review(all(true, "evidence"), "no photo of the second plate"), "legal");
            assertEquals("reopened", k.state());
            assertEquals(1, k.reopened());
            assertEquals(Boolean.FALSE, k.reviewPassed());
            assertEquals(86, k.reviews().get(0).score());

            k = desk.onSite(k.id(), new OnSite("second photo taken", 1, 1, false, false, List.of(), List.of(),
                    List.of()), "li-wei");
            assertEquals("on_site", k.state());
            k = desk.close(k.id(), List.of(), "li-wei");
            assertEquals("closed", k.state(), "outcomes already recorded stand");
            k = desk.review(k.id(), new Review(all(true, null), null), "legal");
            assertEquals("reviewed", k.state());
            assertEquals(Boolean.TRUE, k.reviewPassed());
            assertEquals(100, k.reviews().get(1).score());

            List<String> steps = k.steps().stream().map(CaseView.Step::step).toList();
            assertEquals(List.of("case_opened", "case_dispatched", "case_on_site", "matter_identified",
                    "matter_identified", "whistle_issued", "case_photo", "case_closed", "case_reviewed",
                    "case_reopened", "case_on_site", "case_closed", "case_reviewed"), steps);
            Awaits.until(() -> rig.audited.size() == steps.size(), "every step audited");
            assertEquals(steps, rig.audited.stream().map(CaseRig.Audited::action).toList());
            assertEquals(steps.size(), rig.on("cases/events").size());
            assertEquals(1, rig.on("departments/transport/whistles").size());
            assertEquals(1.0, rig.registry.counter("cases.opened", "source", "alert").count());
            assertEquals(1.0, rig.registry.counter("cases.whistles", "department", "transport", "level", "tough")
                    .count());

            List<CaseView> listed = desk.list(new CaseFilter(null, "Xinhe", "north", "north-1", "alert", null, null,
                    null, 10));
            assertEquals(List.of(k.id()), listed.stream().map(CaseView::id).toList());
            assertTrue(desk.list(new CaseFilter("intake", null, null, null, null, null, null, null, 10)).isEmpty());
            assertNull(desk.find("C-20261112-0099").orElse(null));
            assertFalse(desk.whistles(new WhistleFilter("transport", "issued", null, null, 10)).isEmpty());
            assertNotNull(desk.catalogue().matters());
        }
    }

    static CaseView.Matter matter(CaseView k, String code) {
        return k.matters().stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
    }

    /** Every checklist point set to {@code met}, but {@code unmet} (when given) false. */
    static Map<String, Boolean> all(boolean met, String unmet) {
        Map<String, Boolean> out = new java.util.HashMap<>();
        io.minewatch.config.CasesConfig.DEFAULT_CHECKLIST.forEach(i -> out.put(i.id(), met && !i.id().equals(unmet)));
        return out;
    }
}
