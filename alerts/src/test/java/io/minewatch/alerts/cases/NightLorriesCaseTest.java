package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.testkit.PayloadSchemas;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The night-lorries story of issue 18 at the domain level: an alert on a road camera → case → the north
 * district's team → on site with a photo, two plates and three matters → whistles to transport and traffic
 * police at tough → transport acknowledges and reports in time, traffic police does not and escalates →
 * the township's matter closed with a penalty, the open whistle referred → review passes. Every MQTT
 * message arrives on a real broker and validates against its schema.
 */
class NightLorriesCaseTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void twoLorriesOneIncidentSeveralAuthorities(String kind) throws Exception {
        try (CaseRig rig = new CaseRig(kind, dir);
                TestSubscriber sub = TestSubscriber.subscribe(rig.broker.url(), rig.prefix + "/#")) {
            CaseService desk = rig.desk;
            String alert = rig.alert("road-1", "cam-7", "heavy_vehicle", "tough", 30.552, 114.305);
            CaseView k = desk.open(new Intake("alert", List.of(alert), null, null, "两辆砂车夜间通行", null, null, null,
                    null, null), "cc");
            k = desk.dispatch(k.id(), null, "cc");
            assertEquals("north", k.district());
            assertEquals("north-1", k.team());

            rig.clock.advance(Duration.ofMinutes(25));
            Path photo = dir.resolve("lorry.jpg");
            Files.write(photo, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB, 9, 9});
            desk.addPhoto(k.id(), photo, "image/jpeg", "li-wei");
            k = desk.onSite(k.id(), new OnSite("一车超载，一车运载农田挖出的砂，车厢加高", 6, 2, true, true,
                    List.of("豫A12345", "豫A67890"), List.of("司机王某", "司机李某"),
                    List.of(new OnSite.MatterPick("SAND-FARM", null), new OnSite.MatterPick("OVERLOAD", "tough"),
                            new OnSite.MatterPick("ALTERED-BODY", "tough"))), "li-wei");
            assertEquals(3, k.matters().size());
            assertEquals(2, k.whistles().size());
            WhistleView transport = whistleOf(k, "transport");
            WhistleView police = whistleOf(k, "traffic-police");
            assertEquals("tough", transport.level());
            assertEquals("tough", police.level());

            rig.clock.advance(Duration.ofMinutes(30));
            assertEquals("acknowledged", desk.acknowledge(transport.id(), "transport-user").state());
            rig.clock.advance(Duration.ofMinutes(35));
            WhistleView reported = desk.report(transport.id(), new Outcome(null, "notice", "交运罚〔2026〕88号", null,
                    "overloaded by 12 t"), "transport-user");
            assertEquals("reported", reported.state());
            assertTrue(reported.reportedAt() < reported.reportDeadline(), "reported in time");
            assertFalse(reported.overdue());

            // The traffic police's acknowledgement deadline (issued + 1 h) passed 5 minutes ago: the desk's own
            // thread escalates it once (its next deadline is another hour on, not yet passed).
            Awaits.until(() -> desk.whistle(police.id()).orElseThrow().escalations() == 1, "police escalated");
            WhistleView overdue = desk.whistle(police.id()).orElseThrow();
            assertTrue(overdue.overdue());
            assertEquals("issued", overdue.state());
            Awaits.until(() -> rig.registry.get("cases.whistles.overdue").gauge().value() == 1.0, "gauge");
            assertEquals(1.0, rig.registry.counter("cases.escalations").count());

            k = desk.close(k.id(), List.of(
                    new Outcome("SAND-FARM", "penalty", "新罚〔2026〕17号", new BigDecimal("20000"), "占用耕地采砂"),
                    new Outcome("ALTERED-BODY", "referred", null, null, "交警大队未回复，移交")), "li-wei");
            assertEquals("closed", k.state());
            assertEquals("notice", CaseLoopTest.matter(k, "OVERLOAD").outcome().kind(), "from transport's report");
            assertEquals("transport-user", CaseLoopTest.matter(k, "OVERLOAD").outcomeBy());
            assertEquals(new BigDecimal("20000.00"), CaseLoopTest.matter(k, "SAND-FARM").outcome().penaltyYuan());
            k = desk.review(k.id(), new Review(CaseLoopTest.all(true, "whistles"), "交警吹哨事项已移交"), "legal");
            assertEquals("reviewed", k.state(), "86 ≥ 80 and every required point met");
            assertEquals(86, k.reviews().get(0).score());
            assertEquals("issued", desk.whistle(police.id()).orElseThrow().state(), "still open for the police");

            // Every message of the story reached the broker, in order, and validates against its schema.
            int expected = rig.committed.size();
            List<JsonNode> got = new ArrayList<>();
            while (got.size() < expected) {
                TestSubscriber.Received r = sub.poll(Awaits.DEADLINE);
                if (r == null) {
                    break;
                }
                if (r.topic().startsWith(rig.prefix + "/cases/") || r.topic().startsWith(rig.prefix + "/departments/")) {
                    got.add(PayloadSchemas.validate(r.payload()));
                }
            }
            assertEquals(expected, got.size(), "every committed message arrives");
            List<String> transportStates = states(got, "transport");
            assertEquals(List.of("issued", "acknowledged", "reported"), transportStates);
            assertEquals(List.of("issued", "escalated"), states(got, "traffic-police"));
            List<String> steps = got.stream().filter(j -> j.get("schema").asText().equals("minewatch.case_event/1"))
                    .map(j -> j.get("step").asText()).toList();
            assertEquals(List.of("case_opened", "case_dispatched", "case_photo", "case_on_site", "matter_identified",
                    "matter_identified", "whistle_issued", "matter_identified", "whistle_issued",
                    "whistle_acknowledged", "whistle_reported", "whistle_escalated", "case_closed", "case_reviewed"),
                    steps);
            JsonNode escalated = got.stream().filter(j -> "whistle_escalated".equals(j.path("step").asText()))
                    .findFirst().orElseThrow();
            assertEquals("system", escalated.get("actor").asText());
            assertEquals(police.id(), escalated.get("whistle_id").asText());
            assertEquals("ALTERED-BODY", escalated.get("matter").asText());
            assertEquals("north-1", escalated.get("team").asText());
            TestSubscriber.Received more = sub.poll(Duration.ofMillis(300));
            assertTrue(more == null || !more.topic().contains("/cases/"), "nothing more");
        }
    }

    static WhistleView whistleOf(CaseView k, String department) {
        return k.whistles().stream().filter(w -> w.department().equals(department)).findFirst().orElseThrow();
    }

    private static List<String> states(List<JsonNode> got, String department) {
        return got.stream().filter(j -> j.get("schema").asText().equals("minewatch.case_whistle/1"))
                .filter(j -> j.get("department").asText().equals(department)).map(j -> j.get("state").asText())
                .toList();
    }
}
