package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.minewatch.alerts.cases.stats.CaseStatistics;
import io.minewatch.alerts.cases.stats.CaseStatisticsReader;
import io.minewatch.alerts.cases.stats.DepartmentFigures;
import io.minewatch.alerts.cases.stats.Figures;
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
 * The night-lorries story driven through {@link CaseService} (intake from an alert, dispatch, on site with
 * three matters, two whistles at tough, one reported in time and one escalated by the desk's thread, close
 * with a penalty, review passed), then the month's statistics count exactly this, and the next month's are
 * zero.
 */
class NightLorriesStatsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theMonthCountsTheStory(String kind) throws Exception {
        try (CaseRig rig = new CaseRig(kind, dir)) {
            CaseService desk = rig.desk;
            String alert = rig.alert("road-1", "cam-7", "heavy_vehicle", "tough", 30.552, 114.305);
            CaseView k = desk.open(new Intake("alert", List.of(alert), null, null, "两辆砂车夜间通行", null, null, null,
                    null, null), "cc");
            k = desk.dispatch(k.id(), null, "cc");
            rig.clock.advance(Duration.ofMinutes(25));
            Path photo = dir.resolve("lorry.jpg");
            Files.write(photo, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB, 9, 9});
            desk.addPhoto(k.id(), photo, "image/jpeg", "li-wei");
            k = desk.onSite(k.id(), new OnSite("两车", 6, 2, true, true, List.of("豫A12345", "豫A67890"), List.of(),
                    List.of(new OnSite.MatterPick("SAND-FARM", null), new OnSite.MatterPick("OVERLOAD", "tough"),
                            new OnSite.MatterPick("ALTERED-BODY", "tough"))), "li-wei");
            WhistleView transport = NightLorriesCaseTest.whistleOf(k, "transport");
            WhistleView police = NightLorriesCaseTest.whistleOf(k, "traffic-police");
            rig.clock.advance(Duration.ofMinutes(30));
            desk.acknowledge(transport.id(), "transport-user");
            rig.clock.advance(Duration.ofMinutes(35));
            desk.report(transport.id(), new Outcome(null, "notice", "交运罚〔2026〕88号", null, "超限"), "transport-user");
            Awaits.until(() -> desk.whistle(police.id()).orElseThrow().escalations() == 1, "police escalated");
            k = desk.close(k.id(), List.of(
                    new Outcome("SAND-FARM", "penalty", "新罚〔2026〕17号", new BigDecimal("20000"), "占用耕地采砂"),
                    new Outcome("ALTERED-BODY", "referred", null, null, "移交")), "li-wei");
            desk.review(k.id(), new Review(CaseLoopTest.all(true, "whistles"), "已移交"), "legal");

            CaseStatisticsReader reader = new CaseStatisticsReader(rig.db, rig.config.cases());
            CaseStatistics nov = reader.read(reader.period("2026-11"));
            Figures t = nov.total();
            assertEquals(1, t.casesOpened());
            assertEquals(Map.of("alert", 1, "flight", 0, "hotline", 0, "patrol", 0), t.casesBySource());
            assertEquals(1.0, t.closureRate());
            assertEquals(1, t.dispatches());
            assertEquals(1, t.onSiteRecords());
            assertEquals(6, t.personTimes());
            assertEquals(2, t.vehicleTimes());
            assertEquals(1, t.inspections());
            assertEquals(1, t.jointActions());
            assertEquals(0, t.lateOnSite());
            assertEquals(2, t.whistles());
            assertEquals(Map.of("quick", 0, "tough", 2, "emergency", 0), t.whistlesByLevel());
            assertEquals(30.0, t.whistleAckMinutesP50());
            assertEquals(1.08, t.whistleReportHoursP50(), "65 minutes");
            assertEquals(1, t.whistlesOverdue());
            assertEquals(2, t.notices(), "the township's penalty and transport's notice; the referral has none");
            assertEquals(1, t.penalties());
            assertEquals(new BigDecimal("20000.00"), t.penaltyYuan());
            assertEquals(25.0, t.alertToOnSiteMinutesP50());
            assertEquals(25.0, t.alertToOnSiteMinutesP90());
            assertEquals(1, t.reviews());
            assertEquals(1.0, t.reviewPassRate());
            assertEquals(t, nov.byTownship().get("Xinhe"));
            assertEquals(t, nov.byDistrict().get("north"));
            assertEquals(t, nov.byTeam().get("north-1"));
            assertEquals(0, nov.byTeam().get("south-1").casesOpened());
            assertEquals(new DepartmentFigures(1, Map.of("quick", 0, "tough", 1, "emergency", 0), 30.0, 1.08, 0, 1, 1),
                    nov.byDepartment().get("transport"));
            assertEquals(new DepartmentFigures(1, Map.of("quick", 0, "tough", 1, "emergency", 0), null, null, 1, 0, 0),
                    nov.byDepartment().get("traffic-police"));

            Figures dec = reader.read(reader.period("2026-12")).total();
            assertEquals(0, dec.casesOpened());
            assertEquals(0, dec.dispatches() + dec.onSiteRecords() + dec.whistles() + dec.notices() + dec.reviews());
            assertNull(dec.closureRate());
            assertNull(dec.alertToOnSiteMinutesP50());
        }
    }
}
