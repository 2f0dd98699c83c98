package io.minewatch.alerts.cases.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.config.CasesConfig;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.TeamConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The statistics on SQLite and PostgreSQL over rows written into the V8 tables: events in October,
 * November and December of Asia/Shanghai, some at the first and last millisecond of November in that zone
 * (which are other days in UTC); the month's figures in total and per township, district, team and
 * department; nearest-rank percentiles; zero denominators give null rates; the quarter holds the three
 * months.
 */
class CaseStatisticsReaderTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    static CasesConfig config() {
        return new CasesConfig(ZONE,
                List.of(new MatterConfig("M1", "采砂", MatterConfig.TOWNSHIP, "quick", List.of()),
                        new MatterConfig("M2", "超载", "transport", "tough", List.of()),
                        new MatterConfig("M3", "改装", "traffic-police", "tough", List.of()),
                        new MatterConfig("M9", "排污", "ecology", "quick", List.of())),
                Map.of("t1", List.of("M1")),
                List.of(new DistrictConfig("north", "北片区", "t1", List.of(), List.of(
                                new TeamConfig("n1", "北一队", List.of("li-wei")), new TeamConfig("n2", null, null))),
                        new DistrictConfig("south", "南片区", "t2", List.of(), List.of(new TeamConfig("s1", null, null))),
                        new DistrictConfig("east", "东片区", "t1", List.of(), List.of(new TeamConfig("e1", null, null)))),
                null, null, 80, 0);
    }

    /** The story of the class javadoc; returns the rows' writer. */
    static void story(StatsRows r) {
        // C5: opened the last millisecond of October (local), on site (late) in November, closed, failed review.
        r.caseFile("C5", "alert", "t1", "north", "n2", "reopened", "2026-10-31T23:40", "2026-10-31T23:59:59.999",
                "2026-11-01T00:30", "2026-11-01T00:40");
        r.step("C5", "case_dispatched", "2026-11-01T00:05");
        r.onSite("C5", "2026-11-01T00:40", 2, 1, true, false);
        r.review("C5", "2026-11-07T09:00", false);
        r.step("C5", "case_reopened", "2026-11-07T09:00");
        r.step("C5", "case_dispatched", "2026-11-08T09:00");
        // C4: patrol, the first millisecond of November (local) = 31 October in UTC; not dispatched.
        r.caseFile("C4", "patrol", "t1", null, null, "intake", null, "2026-11-01T00:00", null, null);
        // C1: the night lorries: alert, on site in 40 min, three matters, two whistles, reviewed.
        r.caseFile("C1", "alert", "t1", "north", "n1", "reviewed", "2026-11-02T09:50", "2026-11-02T10:00",
                "2026-11-02T11:05", "2026-11-02T10:30");
        r.step("C1", "case_opened", "2026-11-02T10:00");
        r.step("C1", "case_dispatched", "2026-11-02T10:05");
        r.onSite("C1", "2026-11-02T10:30", 4, 2, true, true);
        r.onSite("C1", "2026-12-01T00:10", 3, 1, false, false);
        r.matter("C1", "M1", "township", "penalty", "N-1", 150_000L, "2026-11-03T10:00");
        r.matter("C1", "M2", "transport", "notice", "N-2", null, "2026-11-05T10:00");
        r.matter("C1", "M3", "traffic-police", "referred", null, null, "2026-11-05T10:00");
        r.whistle("W1", "C1", "transport", "tough", "2026-11-02T10:40", "2026-11-02T11:10", "2026-11-03T10:40", 0);
        r.whistle("W2", "C1", "traffic-police", "tough", "2026-11-02T10:40", null, null, 2);
        r.review("C1", "2026-11-06T09:00", true);
        // C6: hotline-free alert case in the south, on site in 10 min; its penalty is dated December.
        r.caseFile("C6", "alert", "t2", "south", "s1", "on_site", "2026-11-10T08:00", "2026-11-10T08:00",
                "2026-11-10T12:00", "2026-11-10T08:10");
        r.step("C6", "case_dispatched", "2026-11-10T08:01");
        r.onSite("C6", "2026-11-10T08:10", 1, 1, false, false);
        r.whistle("W3", "C6", "transport", "quick", "2026-11-10T09:00", "2026-11-10T09:10", "2026-11-10T11:00", 0);
        r.matter("C6", "M4", "township", "penalty", "N-3", 20_050L, "2026-12-01T00:00");
        // C2: opened the last millisecond of November (local), on site (late) in December.
        r.caseFile("C2", "alert", "t1", "north", "n1", "on_site", "2026-11-30T23:50", "2026-11-30T23:59:59.999",
                "2026-12-01T00:00", "2026-12-01T00:20");
        r.step("C2", "case_dispatched", "2026-11-30T23:58");
        r.onSite("C2", "2026-12-01T00:20", 2, 1, true, true);
        r.whistle("W4", "C2", "transport", "emergency", "2026-12-01T00:30", null, null, 0);
        // C3: hotline, the first millisecond of December (local) = 30 November 16:00 UTC.
        r.caseFile("C3", "hotline", "t2", "south", "s1", "dispatched", null, "2026-12-01T00:00", null, null);
        r.step("C3", "case_dispatched", "2026-12-01T00:05");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void monthQuarterAndGroups(String kind) {
        DatabaseConfig dc = Databases.of(kind, dir);
        try (Database db = Database.open(dc)) {
            story(new StatsRows(db, ZONE));
            CaseStatisticsReader reader = new CaseStatisticsReader(db, config());
            CaseStatistics nov = reader.read(reader.period("2026-11"));

            Figures t = nov.total();
            assertEquals(4, t.casesOpened(), "C4 (first ms), C1, C6, C2 (last ms); not C5 (October) nor C3");
            assertEquals(Map.of("alert", 3, "flight", 0, "hotline", 0, "patrol", 1), t.casesBySource());
            assertEquals(1, t.casesClosed());
            assertEquals(0.25, t.closureRate());
            assertEquals(5, t.dispatches(), "C5 twice (after the reopen), C1, C6, C2");
            assertEquals(3, t.onSiteRecords());
            assertEquals(7, t.personTimes());
            assertEquals(4, t.vehicleTimes());
            assertEquals(2, t.inspections());
            assertEquals(1, t.jointActions());
            assertEquals(1, t.lateOnSite(), "C5; C2's late record is December's");
            assertEquals(3, t.whistles());
            assertEquals(Map.of("quick", 1, "tough", 2, "emergency", 0), t.whistlesByLevel());
            assertEquals(10.0, t.whistleAckMinutesP50(), "nearest rank of [10, 30] min");
            assertEquals(2.0, t.whistleReportHoursP50(), "nearest rank of [2, 24] h");
            assertEquals(1, t.whistlesOverdue());
            assertEquals(2, t.notices(), "N-1 penalty and N-2 notice; the referral has none; N-3 is December's");
            assertEquals(1, t.penalties());
            assertEquals(new BigDecimal("1500.00"), t.penaltyYuan());
            assertEquals(40.0, t.alertToOnSiteMinutesP50(), "nearest rank of [10, 40, 60] (interpolated: 40)");
            assertEquals(60.0, t.alertToOnSiteMinutesP90(), "nearest rank of [10, 40, 60] (interpolated: 56)");
            assertEquals(2, t.reviews());
            assertEquals(1, t.reviewsPassed());
            assertEquals(0.5, t.reviewPassRate());

            assertEquals(List.of("t1", "t2"), List.copyOf(nov.byTownship().keySet()));
            assertEquals(3, nov.byTownship().get("t1").casesOpened());
            assertEquals(1, nov.byTownship().get("t2").casesOpened());
            assertEquals(new BigDecimal("1500.00"), nov.byTownship().get("t1").penaltyYuan());
            assertEquals(new BigDecimal("0.00"), nov.byTownship().get("t2").penaltyYuan());
            assertEquals(List.of("east", "north", "south"), List.copyOf(nov.byDistrict().keySet()));
            Figures north = nov.byDistrict().get("north");
            assertEquals(2, north.casesOpened(), "C4 has no district yet");
            assertEquals(4, north.dispatches());
            assertEquals(List.of(40L, 60L), List.of(north.alertToOnSiteMinutesP50().longValue(),
                    north.alertToOnSiteMinutesP90().longValue()));
            Figures east = nov.byDistrict().get("east");
            assertEquals(0, east.casesOpened(), "a configured district with nothing: zeros");
            assertNull(east.closureRate(), "0 opened: no rate");
            assertNull(east.reviewPassRate());
            assertNull(east.alertToOnSiteMinutesP50());
            assertNull(east.whistleAckMinutesP50());
            assertEquals(List.of("e1", "n1", "n2", "s1"), List.copyOf(nov.byTeam().keySet()));
            Figures n2 = nov.byTeam().get("n2");
            assertEquals(0, n2.casesOpened());
            assertNull(n2.closureRate());
            assertEquals(2, n2.dispatches());
            assertEquals(1, n2.lateOnSite());
            assertEquals(1, n2.reviews());
            assertEquals(0.0, n2.reviewPassRate(), "a failed review: rate 0, not null");
            assertEquals(2, nov.byTeam().get("n1").whistles());
            assertEquals(1, nov.byTeam().get("s1").whistles());

            assertEquals(List.of("ecology", "traffic-police", "transport"), List.copyOf(nov.byDepartment().keySet()));
            DepartmentFigures transport = nov.byDepartment().get("transport");
            assertEquals(new DepartmentFigures(2, Map.of("quick", 1, "tough", 1, "emergency", 0), 10.0, 2.0, 0, 2, 2),
                    transport);
            assertEquals(new DepartmentFigures(1, Map.of("quick", 0, "tough", 1, "emergency", 0), null, null, 1, 0, 0),
                    nov.byDepartment().get("traffic-police"));
            assertEquals(new DepartmentFigures(0, Map.of("quick", 0, "tough", 0, "emergency", 0), null, null, 0, 0, 0),
                    nov.byDepartment().get("ecology"));

            CaseStatistics dec = reader.read(reader.period("2026-12"));
            Figures d = dec.total();
            assertEquals(1, d.casesOpened());
            assertEquals(Map.of("alert", 0, "flight", 0, "hotline", 1, "patrol", 0), d.casesBySource());
            assertEquals(0.0, d.closureRate());
            assertEquals(1, d.dispatches());
            assertEquals(2, d.onSiteRecords());
            assertEquals(5, d.personTimes());
            assertEquals(2, d.vehicleTimes());
            assertEquals(1, d.lateOnSite());
            assertEquals(30.0, d.alertToOnSiteMinutesP50());
            assertEquals(30.0, d.alertToOnSiteMinutesP90());
            assertEquals(Map.of("quick", 0, "tough", 0, "emergency", 1), d.whistlesByLevel());
            assertNull(d.whistleAckMinutesP50(), "not answered yet");
            assertEquals(1, d.notices());
            assertEquals(new BigDecimal("200.50"), d.penaltyYuan());
            assertNull(d.reviewPassRate(), "no review in December");

            CaseStatistics oct = reader.read(reader.period("2026-10"));
            assertEquals(1, oct.total().casesOpened());
            assertEquals(0, oct.total().dispatches());

            CaseStatistics q4 = reader.read(reader.period("2026-q4"));
            assertEquals("2026-Q4", q4.period().label());
            Figures q = q4.total();
            assertEquals(6, q.casesOpened());
            assertEquals(6, q.dispatches());
            assertEquals(5, q.onSiteRecords());
            assertEquals(12, q.personTimes());
            assertEquals(4, q.whistles());
            assertEquals(3, q.notices());
            assertEquals(new BigDecimal("1700.50"), q.penaltyYuan());
            assertEquals(2, q.lateOnSite());
            assertEquals(30.0, q.alertToOnSiteMinutesP50(), "nearest rank 2 of [10, 30, 40, 60] (interpolated: 35)");
            assertEquals(60.0, q.alertToOnSiteMinutesP90());
            assertEquals(1.0 / 6, q.closureRate(), 0.0001);

            CaseStatistics empty = reader.read(reader.period("2027-01"));
            assertEquals(0, empty.total().casesOpened());
            assertNull(empty.total().closureRate());
            assertNull(empty.total().reviewPassRate());
            assertNull(empty.total().alertToOnSiteMinutesP90());
            assertEquals(4, empty.byTeam().size(), "configured teams still listed");

            JsonNode json = StatisticsJson.of(nov);
            assertEquals("2026-11", json.get("period").asText());
            assertEquals("2026-11-01T00:00:00+08:00", json.get("from").asText());
            assertEquals("2026-12-01T00:00:00+08:00", json.get("to").asText());
            assertEquals("Asia/Shanghai", json.get("zone").asText());
            assertEquals(3, json.at("/total/cases_by_source/alert").asInt());
            assertEquals(2, json.at("/total/whistles_by_level/tough").asInt());
            assertEquals("1500.00", json.at("/total/penalty_yuan").toString(), "a number with 2 decimals");
            assertTrue(json.at("/by_district/east/closure_rate").isNull());
            assertEquals(40.0, json.at("/by_district/north/alert_to_on_site_minutes_p50").asDouble());
            assertEquals(2, json.at("/by_department/transport/by_level/quick").asInt()
                    + json.at("/by_department/transport/by_level/tough").asInt());
            assertEquals(1, json.at("/by_department/traffic-police/overdue").asInt());
            assertTrue(json.at("/by_department/traffic-police/ack_minutes_p50").isNull());
        } finally {
            Databases.drop(dc);
        }
    }

    @Test
    void periodsInTheZone() {
        Period nov = Period.parse("2026-11", ZONE);
        assertEquals(Instant.parse("2026-10-31T16:00:00Z"), nov.from());
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), nov.to());
        assertEquals("2026年11月", nov.chinese());
        Period q1 = Period.parse(" 2027-Q1 ", ZONE);
        assertEquals("2027-Q1", q1.label());
        assertEquals(Instant.parse("2026-12-31T16:00:00Z"), q1.from());
        assertEquals(Instant.parse("2027-03-31T16:00:00Z"), q1.to());
        assertEquals("2027年第1季度", q1.chinese());
        assertTrue(q1.quarter());
        Period utc = Period.parse("2026-12", ZoneId.of("UTC"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), utc.to());
        for (String bad : new String[] {"2026-13", "2026-00", "2026-Q5", "2026-Q0", "26-11", "2026-11-01", "2026/11",
            "abc", "2026-1", "1999-01"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Period.parse(bad, ZONE),
                    bad);
            assertTrue(e.getMessage().startsWith("period \"") && e.getMessage().contains("YYYY-MM"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Period.parse("", ZONE)).getMessage()
                .startsWith("period is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Period.parse(null, ZONE)).getMessage()
                .startsWith("period is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Period.parse("2026-11\n\u0000x", ZONE))
                .getMessage().contains("2026-11?"), "control characters are not echoed");
    }

    @Test
    void nearestRank() {
        List<Long> v = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(5L, Percentiles.nearestRank(v, 50));
        assertEquals(9L, Percentiles.nearestRank(v, 90));
        assertEquals(10L, Percentiles.nearestRank(v, 100));
        assertEquals(7L, Percentiles.nearestRank(List.of(7L), 50));
        assertNull(Percentiles.nearestRank(List.of(), 50));
        assertNull(Percentiles.rate(3, 0));
        assertEquals(0.3333, Percentiles.rate(1, 3));
    }
}
