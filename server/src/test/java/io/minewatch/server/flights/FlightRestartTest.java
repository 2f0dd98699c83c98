package io.minewatch.server.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flight is never dropped silently: a server stopping mid-flight resumes it at the next start where
 * its judged frames end (not from the beginning); a flight whose video is gone by then fails with that
 * reason; a cancel stops a running flight within a frame.
 */
class FlightRestartTest {
    @TempDir
    static Path dir;
    static FlightStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new FlightStack(dir, new DatabaseConfig("jdbc:sqlite:" + dir.resolve("minewatch.db"), null, null,
                null), 1);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static FlightService service() {
        return stack.start();
    }

    private static UploadedFlight flight(String name) throws Exception {
        return new UploadedFlight(stack.upload(name + ".mp4"), null, name, "pit", null, "ana");
    }

    @Test
    void aFlightStoppedByShutdownResumesWhereItStoppedAtTheNextStart() throws Exception {
        FlightService first = service();
        String id = first.submit(flight("resumed"));
        FlightStack.until(() -> first.status(id).orElseThrow().frames() >= 3, Duration.ofSeconds(60),
                "a few frames judged");
        stack.stopFlights();
        FlightRecord left = new FlightStore(stack.database).find(id).orElseThrow();
        assertEquals("running", left.state(), "left running for the next start, not cancelled or failed");
        assertTrue(left.frames() >= 3 && left.frames() < 35 && left.doneS() > 0, "stopped mid-way: " + left);

        FlightService second = service();
        FlightStack.until(() -> second.status(id).orElseThrow().state().equals("done"), Duration.ofSeconds(120),
                "the flight is done after the restart");
        FlightStatus s = second.status(id).orElseThrow();
        assertEquals(1.0, s.progress());
        assertTrue(s.frames() >= 34 && s.frames() <= 36,
                "resumed after " + left.frames() + " frames, not started again: " + s.frames() + " in all");
        stack.stopFlights();
    }

    @Test
    void aFlightWhoseVideoIsGoneAtRestartFailsWithTheReason() throws Exception {
        FlightService notStarted = stack.service();
        String id = notStarted.submit(flight("lost"));
        notStarted.close();
        FlightRecord queued = new FlightStore(stack.database).find(id).orElseThrow();
        Files.delete(queued.video());

        FlightService restarted = service();
        FlightStatus s = restarted.status(id).orElseThrow();
        assertEquals("failed", s.state());
        assertEquals("video file missing after restart: video.mp4", s.error());
        assertTrue(stack.outboxPayloads("flight").stream().anyMatch(p -> p.contains(id) && p.contains("\"failed\"")
                && p.contains("video file missing")), "the failure is on the live feed too");
        stack.stopFlights();
    }

    @Test
    void aCancelStopsARunningFlight() throws Exception {
        FlightService flights = service();
        String id = flights.submit(flight("cancelled"));
        FlightStack.until(() -> flights.status(id).orElseThrow().frames() >= 2, Duration.ofSeconds(60), "running");
        assertEquals(FlightService.Cancel.CANCELLED, flights.cancel(id, "ana"));
        FlightStack.until(() -> flights.status(id).orElseThrow().state().equals("cancelled"), Duration.ofSeconds(30),
                "cancelled");
        assertTrue(flights.status(id).orElseThrow().frames() < 35);
        assertEquals(FlightService.Cancel.ALREADY_OVER, flights.cancel(id, "ana"));
        assertEquals(FlightService.Cancel.NOT_FOUND, flights.cancel("nope", "ana"));
        stack.stopFlights();
    }
}
