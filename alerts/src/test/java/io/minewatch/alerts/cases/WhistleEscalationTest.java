package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.testing.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whistle deadlines by level and escalation on the desk's own thread with a clock the test moves: a whistle
 * due while the server was stopped escalates after the restart; it escalates again each deadline-length
 * later, at most alerts.max_escalations (3) times; acknowledging moves the deadline to the report's; a
 * report ends it.
 */
class WhistleEscalationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void dueWhistlesEscalateAcrossARestartAndStopAtTheLimit(String kind) throws Exception {
        try (CaseRig rig = new CaseRig(kind, dir)) {
            String caseId = rig.desk.open(new Intake("patrol", List.of(), null, null, "patrol finding", "heard trucks",
                    CaseRig.NORTH_LAT, CaseRig.NORTH_LON, null, null), "cc").id();
            rig.desk.dispatch(caseId, "north-2", "cc");
            CaseView k = rig.desk.onSite(caseId, new OnSite(null, 2, 1, false, false, List.of(), List.of(),
                    List.of(new OnSite.MatterPick("OVERLOAD", null), new OnSite.MatterPick("ALTERED-BODY",
                            "emergency"))), "zhang-min");
            WhistleView quick = NightLorriesCaseTest.whistleOf(k, "transport");
            WhistleView emergency = NightLorriesCaseTest.whistleOf(k, "traffic-police");
            long issued = rig.clock.millis();
            assertEquals(issued + Duration.ofHours(2).toMillis(), quick.ackDeadline(), "quick: 2 h to acknowledge");
            assertEquals(issued + Duration.ofDays(3).toMillis(), quick.reportDeadline(), "quick: 3 days to report");
            assertEquals(issued + Duration.ofMinutes(15).toMillis(), emergency.ackDeadline());
            assertEquals(issued + Duration.ofHours(4).toMillis(), emergency.reportDeadline());

            // Stopped while the emergency whistle's deadline passes; started again: it escalates.
            rig.stop();
            rig.clock.advance(Duration.ofMinutes(16));
            rig.start();
            Awaits.until(() -> escalations(rig, emergency.id()) == 1, "the emergency whistle escalates after a restart");
            assertEquals(0, escalations(rig, quick.id()), "the quick one is not due yet");
            assertTrue(rig.desk.whistle(emergency.id()).orElseThrow().overdue());

            // Each further 15 minutes another step, at most 3.
            for (int step = 2; step <= 5; step++) {
                rig.clock.advance(Duration.ofMinutes(15));
                int expected = Math.min(step, 3);
                Awaits.until(() -> escalations(rig, emergency.id()) == expected, "escalation " + expected);
            }
            long steps = rig.desk.find(caseId).orElseThrow().steps().stream()
                    .filter(s -> s.step().equals("whistle_escalated")).count();
            assertEquals(3, steps, "never more than max_escalations");

            // Acknowledged: the report deadline (3 days) is what counts now.
            rig.desk.acknowledge(quick.id(), "transport-user");
            rig.clock.advance(Duration.ofHours(3));
            rig.desk.acknowledge(emergency.id(), "police-user");
            assertEquals(0, escalations(rig, quick.id()), "acknowledged in time: no escalation");
            rig.clock.advance(Duration.ofDays(3));
            Awaits.until(() -> escalations(rig, quick.id()) == 1, "the quick whistle's report is overdue");
            assertEquals(1, rig.desk.whistles(new WhistleFilter("transport", null, null, true, 10)).size());

            rig.desk.report(quick.id(), new Outcome(null, "rectified", null, null, "unloaded"), "transport-user");
            WhistleView done = rig.desk.whistle(quick.id()).orElseThrow();
            assertEquals("reported", done.state());
            assertFalse(done.overdue(), "reported: no longer overdue");
            rig.clock.advance(Duration.ofDays(10));
            Awaits.until(() -> rig.registry.get("cases.whistles.overdue").gauge().value() == 1.0,
                    "only the police whistle is overdue");
            assertEquals(1, escalations(rig, quick.id()), "a reported whistle never escalates again");
            assertTrue(rig.desk.whistles(new WhistleFilter("transport", null, null, true, 10)).isEmpty());
        }
    }

    private static int escalations(CaseRig rig, String whistle) {
        return rig.desk.whistle(whistle).orElseThrow().escalations();
    }
}
