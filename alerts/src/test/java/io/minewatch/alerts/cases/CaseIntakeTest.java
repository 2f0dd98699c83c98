package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.testing.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intake from every channel (several alerts, a flight's finding, hotline by position, patrol by township),
 * case ids numbered per day in the county's zone, and keyset pages of the case list without gap or
 * duplicate.
 */
class CaseIntakeTest {

    @TempDir
    Path dir;

    @Test
    void everyChannelOpensACaseAndThePagesCoverThemAll() throws Exception {
        try (CaseRig rig = new CaseRig(Databases.SQLITE, dir)) {
            CaseService desk = rig.desk;
            String a1 = rig.alert("road-1", "cam-7", "heavy_vehicle", "quick", null, null);
            rig.clock.advance(Duration.ofMinutes(3));
            String a2 = rig.alert("road-1", "cam-8", "haul_trips", "emergency", 30.45, 114.25);
            CaseView two = desk.open(new Intake("alert", List.of(a2, a1), null, null, null, null, null, null, null,
                    null), "cc");
            assertEquals(List.of(a1, a2).stream().sorted().toList(), two.alerts());
            assertEquals(CaseRig.T0.toEpochMilli(), two.firstAlertAt(), "the earliest alert's time");
            assertEquals("emergency", two.level(), "from the first alert named");
            assertEquals("south", two.district(), "the first alert's position");
            assertEquals("haul_trips @ road-1/cam-8", two.title());

            String finding = rig.alert("road-1", "drone-1", "ground_change", "tough", 30.58, 114.21);
            CaseView flight = desk.open(new Intake("flight", List.of(), "F-7", finding, null, null, null, null, null,
                    null), "cc");
            assertEquals("F-7", flight.flight());
            assertEquals(finding, flight.finding());
            assertEquals(List.of(finding), flight.alerts());
            assertEquals("north", flight.district());

            CaseView hotline = desk.open(new Intake("hotline", List.of(), null, null, "村民举报", "夜里有挖掘机",
                    30.41, 114.39, null, null), "hotline-desk");
            assertEquals("Xinhe", hotline.township(), "the township of the district at the position");
            assertEquals("quick", hotline.level());
            assertNull(hotline.firstAlertAt());
            CaseView patrol = desk.open(new Intake("patrol", List.of(), null, null, null, null, null, null, "Xinhe",
                    "tough"), "li-wei");
            assertNull(patrol.district());
            assertEquals("patrol Xinhe", patrol.title());

            // 22:33 in Shanghai: two hours later it is the next day there, and numbering starts again.
            rig.clock.advance(Duration.ofHours(2));
            CaseView next = desk.open(new Intake("patrol", List.of(), null, null, null, null, null, null, "Xinhe",
                    null), "li-wei");
            assertEquals("C-20261112-0004", patrol.id());
            assertEquals("C-20261113-0001", next.id());

            List<String> all = List.of(next.id(), patrol.id(), hotline.id(), flight.id(), two.id());
            List<String> paged = new ArrayList<>();
            String before = null;
            while (true) {
                List<CaseView> page = desk.list(new CaseFilter(null, null, null, null, null, null, null, before, 2));
                page.forEach(k -> paged.add(k.id()));
                if (page.size() < 2) {
                    break;
                }
                before = page.get(page.size() - 1).id();
            }
            assertEquals(all, paged, "newest first, every case once");
            assertEquals(List.of(next.id(), patrol.id()), desk.list(new CaseFilter(null, null, null, null,
                    "patrol", null, null, null, 10)).stream().map(CaseView::id).toList());
            assertEquals(List.of(next.id()), desk.list(new CaseFilter(null, null, null, null, null,
                    next.openedAt(), null, null, 10)).stream().map(CaseView::id).toList());
            assertTrue(desk.list(new CaseFilter(null, null, null, null, null, null, two.openedAt(), null, 10))
                    .isEmpty(), "until is exclusive");
            assertEquals(2.0, rig.registry.counter("cases.opened", "source", "patrol").count());
        }
    }
}
