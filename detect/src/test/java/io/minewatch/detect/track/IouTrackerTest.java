package io.minewatch.detect.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracker on synthetic detections at the detect rate (5 fps: 200 ms a frame). */
class IouTrackerTest {

    private static final long FRAME = 200_000;
    private static final long MAX_AGE = 2_000_000;

    private static Detection car(float x, float y, float w, float h) {
        return new Detection(2, "car", Category.VEHICLE, 0.8f, new Box(x, y, x + w, y + h));
    }

    private static Detection truck(float x, float y, float w, float h) {
        return new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.7f, new Box(x, y, x + w, y + h));
    }

    private static Detection person(float x, float y, float w, float h) {
        return new Detection(0, "person", Category.PERSON, 0.9f, new Box(x, y, x + w, y + h));
    }

    private static IouTracker tracker() {
        return new IouTracker(0.1f, MAX_AGE);
    }

    /** The one live track matched in this frame whose box is the detection's. */
    private static Track trackOf(List<Track> tracks, Detection d) {
        return tracks.stream().filter(t -> t.matchedNow() && t.box().equals(d.box())).findFirst()
                .orElseThrow(() -> new AssertionError("no track at " + d.box() + " in " + tracks.size()));
    }

    @Test
    void boxMovingTwentyPixelsAFrameKeepsOneId() {
        IouTracker tracker = tracker();
        long id = -1;
        for (int i = 0; i < 10; i++) {
            Detection d = car(20 * i, 100, 60, 40);
            List<Track> tracks = tracker.update(List.of(d), i * FRAME);
            assertEquals(1, tracks.size(), "frame " + i);
            Track t = tracks.get(0);
            if (i == 0) {
                id = t.id();
            }
            assertEquals(id, t.id(), "frame " + i);
            assertTrue(t.matchedNow());
            assertEquals(i + 1, t.hits());
            assertEquals(0, t.firstSeenMicros());
            assertEquals(i * FRAME, t.lastSeenMicros());
        }
    }

    @Test
    void fastBoxWithNoOverlapMatchesItsPredictionOnceItsSpeedIsKnown() {
        // 40x40 box. First step 30 px (overlapping, IoU 0.14) teaches the tracker its speed; from
        // then on it moves 45 px a frame: no overlap with its last box and its centre beyond the
        // 20 px reach of the size fallback, so only the constant-speed prediction can match it.
        IouTracker tracker = tracker();
        float x = 0;
        long id = tracker.update(List.of(car(x, 100, 40, 40)), 0).get(0).id();
        x += 30;
        assertEquals(id, tracker.update(List.of(car(x, 100, 40, 40)), FRAME).get(0).id());
        for (int i = 2; i < 10; i++) {
            x += 45;
            List<Track> tracks = tracker.update(List.of(car(x, 100, 40, 40)), i * FRAME);
            assertEquals(1, tracks.size(), "frame " + i + ": a second track started");
            assertEquals(id, tracks.get(0).id(), "frame " + i);
        }
    }

    @Test
    void theSameJumpWithoutAKnownSpeedStartsANewTrack() {
        // The control for the test above: 45 px from a standing start is not matched.
        IouTracker tracker = tracker();
        long first = tracker.update(List.of(car(0, 100, 40, 40)), 0).get(0).id();
        List<Track> tracks = tracker.update(List.of(car(45, 100, 40, 40)), FRAME);
        assertEquals(2, tracks.size());
        assertNotEquals(first, trackOf(tracks, car(45, 100, 40, 40)).id());
    }

    @Test
    void sizeFallbackMatchesANonOverlappingBoxCloseToThePrediction() {
        // A tall box stepping sideways past its own width: no overlap, centre 45 px away, within
        // half its larger side (50 px) and the same size.
        IouTracker tracker = tracker();
        long id = tracker.update(List.of(car(0, 0, 40, 100)), 0).get(0).id();
        List<Track> tracks = tracker.update(List.of(car(45, 0, 40, 100)), FRAME);
        assertEquals(1, tracks.size());
        assertEquals(id, tracks.get(0).id());
    }

    @Test
    void sizeFallbackRejectsABoxOfAnotherSize() {
        // Same non-overlapping step, centre as close, but three times the area: another object, a new track.
        IouTracker tracker = tracker();
        long id = tracker.update(List.of(car(0, 0, 40, 100)), 0).get(0).id();
        List<Track> tracks = tracker.update(List.of(car(45, -100, 40, 300)), FRAME);
        assertEquals(2, tracks.size());
        assertNotEquals(id, trackOf(tracks, car(45, -100, 40, 300)).id());
    }

    @Test
    void crossingObjectsKeepTheirIds() {
        // A drives right, B left, in overlapping lanes; they pass each other at x = 100 (frame 5).
        IouTracker tracker = tracker();
        long idA = -1;
        long idB = -1;
        for (int i = 0; i <= 10; i++) {
            Detection a = car(20 * i, 0, 40, 40);
            Detection b = car(200 - 20 * i, 20, 40, 40);
            List<Track> tracks = tracker.update(i % 2 == 0 ? List.of(a, b) : List.of(b, a), i * FRAME);
            assertEquals(2, tracks.size(), "frame " + i);
            if (i == 0) {
                idA = trackOf(tracks, a).id();
                idB = trackOf(tracks, b).id();
                assertNotEquals(idA, idB);
            }
            assertEquals(idA, trackOf(tracks, a).id(), "A at frame " + i);
            assertEquals(idB, trackOf(tracks, b).id(), "B at frame " + i);
        }
    }

    @Test
    void carTruckLabelFlipKeepsTheId() {
        IouTracker tracker = tracker();
        long id = -1;
        for (int i = 0; i < 8; i++) {
            Detection d = i % 2 == 0 ? car(100 + 5 * i, 50, 80, 60) : truck(100 + 5 * i, 50, 80, 60);
            List<Track> tracks = tracker.update(List.of(d), i * FRAME);
            assertEquals(1, tracks.size(), "frame " + i);
            if (i == 0) {
                id = tracks.get(0).id();
            }
            assertEquals(id, tracks.get(0).id(), "frame " + i);
            assertEquals(d, tracks.get(0).lastDetection());
            assertEquals(Category.VEHICLE, tracks.get(0).group());
        }
    }

    @Test
    void personNeverMatchesAVehicleTrack() {
        IouTracker tracker = tracker();
        Track car = tracker.update(List.of(car(100, 100, 50, 80)), 0).get(0);
        // Same box, now called a person: a new track in the person group; the car goes unmatched.
        List<Track> tracks = tracker.update(List.of(person(100, 100, 50, 80)), FRAME);
        assertEquals(2, tracks.size());
        Track person = tracks.stream().filter(t -> t.group() == Category.PERSON).findFirst().orElseThrow();
        assertNotEquals(car.id(), person.id());
        assertTrue(person.matchedNow());
        assertFalse(car.matchedNow());
        assertEquals(0, car.lastSeenMicros());
        // And a vehicle never matches the person track.
        tracks = tracker.update(List.of(truck(100, 100, 50, 80)), 2 * FRAME);
        Track truck = tracks.stream().filter(Track::matchedNow).findFirst().orElseThrow();
        assertEquals(Category.VEHICLE, truck.group());
        assertEquals(car.id(), truck.id(), "the truck is the car's track");
        assertFalse(person.matchedNow());
    }

    @Test
    void trackUnseenLongerThanMaxAgeIsRemovedAndReported() {
        IouTracker tracker = tracker();
        Track t = tracker.update(List.of(car(10, 10, 40, 40)), 0).get(0);
        assertTrue(tracker.removedInLastUpdate().isEmpty());
        assertEquals(1, tracker.update(List.of(), 1_000_000).size());
        assertEquals(1, tracker.update(List.of(), MAX_AGE).size(), "exactly max age: still kept");
        assertTrue(tracker.removedInLastUpdate().isEmpty());
        List<Track> live = tracker.update(List.of(), MAX_AGE + FRAME);
        assertTrue(live.isEmpty());
        assertEquals(List.of(t), List.copyOf(tracker.removedInLastUpdate()));
        // Reported once, not again on the next update.
        tracker.update(List.of(), MAX_AGE + 2 * FRAME);
        assertTrue(tracker.removedInLastUpdate().isEmpty());
        // The same place later is a new object.
        Track again = tracker.update(List.of(car(10, 10, 40, 40)), MAX_AGE + 3 * FRAME).get(0);
        assertNotEquals(t.id(), again.id());
    }

    @Test
    void hiddenBrieflyKeepsTheTrack() {
        IouTracker tracker = tracker();
        long id = tracker.update(List.of(car(10, 10, 40, 40)), 0).get(0).id();
        for (int i = 1; i <= 5; i++) {
            tracker.update(List.of(), i * FRAME);
        }
        List<Track> tracks = tracker.update(List.of(car(12, 10, 40, 40)), 6 * FRAME);
        assertEquals(1, tracks.size());
        assertEquals(id, tracks.get(0).id());
    }

    @Test
    void newObjectsGetNewIds() {
        IouTracker tracker = tracker();
        Set<Long> ids = new HashSet<>();
        List<Track> tracks = tracker.update(List.of(car(0, 0, 40, 40), car(200, 0, 40, 40)), 0);
        tracks.forEach(t -> ids.add(t.id()));
        assertEquals(2, ids.size());
        tracks = tracker.update(List.of(car(0, 0, 40, 40), car(200, 0, 40, 40), person(400, 0, 20, 50)), FRAME);
        assertEquals(3, tracks.size());
        tracks.forEach(t -> ids.add(t.id()));
        assertEquals(3, ids.size());
        Track newest = trackOf(tracks, person(400, 0, 20, 50));
        assertEquals(FRAME, newest.firstSeenMicros());
        assertEquals(1, newest.hits());
    }
}
