package io.minewatch.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.track.IouTracker;
import io.minewatch.detect.track.Track;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heavy-vehicle rule on tracks from a real {@link IouTracker} fed synthetic detections. */
class HeavyVehicleRuleTest {

    private static final long FRAME = 200_000;
    private static final Box BOX = new Box(100, 100, 220, 180);

    private static Detection truck(float score) {
        return new Detection(7, "truck", Category.HEAVY_VEHICLE, score, BOX);
    }

    /** A truck at 0.9 driving right, 60 px a frame, at its n-th frame. */
    private static Detection moving(int n) {
        return new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.9f, BOX.shift(60 * n, 0));
    }

    private static Detection car(float score) {
        return new Detection(2, "car", Category.VEHICLE, score, BOX);
    }

    /**
     * Drives a tracker and the rule together, one detect frame per step. Traffic moves: each step
     * shifts the boxes by {@code speed} px (60 px a step: 0.6 of the 120x80 box's size, away from
     * where it was first seen from the second sighting on); {@code speed = 0} is a parked vehicle.
     */
    private static final class Scene {
        final IouTracker tracker = new IouTracker(0.1f, 2_000_000);
        final HeavyVehicleRule rule;
        float speed = 60;
        float x;
        long frame;

        Scene(HeavyVehicleRule rule) {
            this.rule = rule;
        }

        List<HeavyVehicleRule.Confirmation> step(Detection... detections) {
            List<Detection> moved = new ArrayList<>();
            for (Detection d : detections) {
                moved.add(new Detection(d.classId(), d.label(), d.category(), d.score(), d.box().shift(x, 0)));
            }
            x += speed;
            List<Track> tracks = tracker.update(moved, frame++ * FRAME);
            return rule.evaluate(tracks, tracker.removedInLastUpdate());
        }
    }

    private static Scene scene() {
        return new Scene(new HeavyVehicleRule(2, 0.5f));
    }

    @Test
    void oneOddBoxIsNoMovement() {
        // A parked truck whose box is, for one frame at a time, merged with a car passing in front of it.
        Scene s = scene();
        s.speed = 0;
        for (int i = 0; i < 30; i++) {
            boolean odd = i % 10 == 5 || i % 10 == 7;
            Detection d = odd ? new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.9f, new Box(100, 100, 330, 200))
                    : truck(0.9f);
            assertTrue(s.step(d).isEmpty(), "fired at frame " + i);
        }
    }

    @Test
    void aParkedTruckNeverFiresHowEverSureTheModelIs() {
        Scene s = scene();
        s.speed = 0;
        for (int i = 0; i < 50; i++) {
            assertTrue(s.step(truck(0.9f)).isEmpty(), "a truck that never moved fired at frame " + i);
        }
    }

    @Test
    void aParkedTruckThatDrivesOffFiresOnceItHasMoved() {
        Scene s = scene();
        s.speed = 0;
        for (int i = 0; i < 10; i++) {
            assertTrue(s.step(truck(0.9f)).isEmpty());
        }
        s.speed = 20;
        int fired = 0;
        int at = -1;
        for (int i = 0; i < 10; i++) {
            int n = s.step(truck(0.9f)).size();
            if (n > 0 && at < 0) {
                at = i;
            }
            fired += n;
        }
        assertEquals(1, fired);
        // 20 px a step against a size of sqrt(120 * 80) = 98 px: half its size away after 3 steps,
        // and away in two sightings in a row at the 5th step.
        assertEquals(4, at, "fired at step " + at);
    }

    @Test
    void aLorryDrivingStraightAtTheCameraMovesByGrowing() {
        Scene s = scene();
        s.speed = 0;
        int fired = 0;
        for (int i = 0; i < 10; i++) {
            // Same centre, box growing 10 % a frame: no travel, but 1.6 times the area after 5 frames.
            float k = (float) Math.pow(1.1, i);
            Box grown = new Box(160 - 60 * k, 140 - 40 * k, 160 + 60 * k, 140 + 40 * k);
            fired += s.step(new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.8f, grown)).size();
        }
        assertEquals(1, fired);
    }

    @Test
    void firesOnceAfterTwoHeavyFramesWithOneConfirmingScore() {
        Scene s = scene();
        assertTrue(s.step(truck(0.4f)).isEmpty(), "one frame is not enough");
        assertTrue(s.step(truck(0.6f)).isEmpty(), "two heavy frames, but away from where first seen only once");
        List<HeavyVehicleRule.Confirmation> fired = s.step(truck(0.45f));
        assertEquals(1, fired.size(), "the streak's 0.6 confirms once the truck has shown it moves");
        assertTrue(s.step(truck(0.7f)).isEmpty(), "fires once");
    }

    @Test
    void parkedTruckNeverFiresTwice() {
        Scene s = scene();
        int fired = 0;
        for (int i = 0; i < 100; i++) {
            fired += s.step(truck(0.8f)).size();
        }
        assertEquals(1, fired);
    }

    @Test
    void parkedTruckThatFlickersStillFiresOnlyOnce() {
        // A missed frame or a "car" frame breaks the streak, but the object stays the same track:
        // a new streak must not report it again.
        Scene s = scene();
        int fired = 0;
        for (int i = 0; i < 100; i++) {
            fired += (i % 7 == 3 ? s.step() : i % 5 == 4 ? s.step(car(0.8f)) : s.step(truck(0.8f))).size();
        }
        assertEquals(1, fired);
    }

    @Test
    void aCarCalledTruckForTwoFramesLosesTheVote() {
        // Seen as a car at 0.8 for a while, then as a truck at 0.6 for two frames as it turns.
        Scene s = scene();
        for (int i = 0; i < 6; i++) {
            assertTrue(s.step(car(0.8f)).isEmpty());
        }
        assertTrue(s.step(truck(0.6f)).isEmpty());
        assertTrue(s.step(truck(0.6f)).isEmpty(), "2 x 0.6 against 6 x 0.8: still a car");
    }

    @Test
    void aLorryFirstSeenAsACarWinsTheVoteOnceCloser() {
        // Far away the model calls it a car at 0.4; close up a truck at 0.8.
        Scene s = scene();
        for (int i = 0; i < 5; i++) {
            assertTrue(s.step(car(0.4f)).isEmpty());
        }
        assertTrue(s.step(truck(0.8f)).isEmpty(), "one frame is not enough");
        assertTrue(s.step(truck(0.8f)).isEmpty(), "1.6 against 2.0: not yet");
        assertEquals(1, s.step(truck(0.8f)).size(), "2.4 against 2.0: heavy");
    }

    @Test
    void theVoteLooksBackOverAWindowOnly() {
        // A long history as a car does not outvote what the model sees now, once it is out of the window.
        Scene s = scene();
        for (int i = 0; i < 50; i++) {
            assertTrue(s.step(car(0.9f)).isEmpty());
        }
        int fired = 0;
        int frames = 0;
        while (fired == 0 && frames < HeavyVehicleRule.VOTE_WINDOW) {
            fired += s.step(truck(0.6f)).size();
            frames++;
        }
        assertEquals(1, fired, "never won the vote");
        assertTrue(frames > 2 && frames <= HeavyVehicleRule.VOTE_WINDOW / 2 + 1, "won after " + frames + " frames");
    }

    @Test
    void aGapResetsTheStreak() {
        Scene s = scene();
        s.speed = 30; // slow enough that the track survives the gap
        assertTrue(s.step(truck(0.9f)).isEmpty());
        assertTrue(s.step().isEmpty(), "not seen in this frame");
        assertTrue(s.step(truck(0.9f)).isEmpty(), "streak restarted at 1");
        assertEquals(1, s.step(truck(0.9f)).size());
    }

    @Test
    void aCarFrameResetsTheStreak() {
        Scene s = scene();
        assertTrue(s.step(truck(0.9f)).isEmpty());
        assertTrue(s.step(car(0.9f)).isEmpty());
        assertTrue(s.step(truck(0.9f)).isEmpty());
        assertEquals(1, s.step(truck(0.9f)).size());
    }

    @Test
    void theConfirmingScoreMustComeInTheCurrentStreak() {
        // A 0.9 sighting before a gap does not confirm a later streak of 0.4s.
        Scene s = scene();
        assertTrue(s.step(truck(0.9f)).isEmpty());
        assertTrue(s.step().isEmpty());
        for (int i = 0; i < 20; i++) {
            assertTrue(s.step(truck(0.4f)).isEmpty(), "frame " + i);
        }
    }

    @Test
    void lowScoresOnlyNeverFire() {
        Scene s = scene();
        for (int i = 0; i < 100; i++) {
            assertTrue(s.step(truck(0.49f)).isEmpty(), "frame " + i);
        }
        // One confirming sighting in the same streak then fires.
        assertEquals(1, s.step(truck(0.5f)).size());
    }

    @Test
    void carsNeverFire() {
        Scene s = scene();
        for (int i = 0; i < 50; i++) {
            assertTrue(s.step(car(0.95f)).isEmpty());
        }
    }

    @Test
    void confirmationCarriesTheTrackAndTheBestDetection() {
        // Regression: the rule used to return bare tracks, so the event named the confirming
        // frame's detection (label and score) rather than the best sighting that confirmed it.
        Scene s = scene();
        s.speed = 30; // slow enough that the track survives the gap
        Detection best = new Detection(5, "bus", Category.HEAVY_VEHICLE, 0.8f, BOX);
        Detection last = truck(0.6f);
        assertTrue(s.step(truck(0.3f)).isEmpty());
        assertTrue(s.step().isEmpty(), "gap: the 0.3 streak is over");
        assertTrue(s.step(best).isEmpty());
        List<HeavyVehicleRule.Confirmation> fired = s.step(last);
        assertEquals(1, fired.size());
        HeavyVehicleRule.Confirmation c = fired.get(0);
        assertEquals(best.score(), c.best().score(), "the best sighting of the streak, not the latest");
        assertEquals("bus", c.best().label());
        assertEquals(last.score(), c.track().lastDetection().score());
        assertTrue(c.track().hits() >= 2, "hits " + c.track().hits());
    }

    @Test
    void bestDetectionIsTheHighestEvenWhenItComesFirstAndLowerOnesFollow() {
        Scene s = scene();
        Detection top = truck(0.52f);
        assertTrue(s.step(truck(0.2f)).isEmpty());
        assertTrue(s.step(truck(0.3f)).isEmpty());
        List<HeavyVehicleRule.Confirmation> fired = s.step(top);
        assertEquals(1, fired.size(), "streak of 3 with one sighting at >= 0.5");
        assertEquals(top.score(), fired.get(0).best().score());
    }

    @Test
    void twoTrucksFireSeparately() {
        Scene s = scene();
        Detection a = truck(0.8f);
        Detection b = new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.7f, new Box(400, 100, 520, 180));
        assertTrue(s.step(a, b).isEmpty());
        assertTrue(s.step(a, b).isEmpty(), "away from where first seen once only");
        List<HeavyVehicleRule.Confirmation> fired = s.step(a, b);
        assertEquals(2, fired.size());
        assertTrue(fired.get(0).track().id() != fired.get(1).track().id());
    }

    @Test
    void removedTracksAreForgotten() {
        // Track ids are only unique within one tracker; a rule that kept the state of removed
        // tracks would both leak and, with a fresh tracker reusing ids, stay silent or fire early.
        HeavyVehicleRule rule = new HeavyVehicleRule(2, 0.5f);
        IouTracker first = new IouTracker(0.1f, 2_000_000);
        List<Track> tracks = first.update(List.of(moving(0)), 0);
        rule.evaluate(tracks, first.removedInLastUpdate());
        tracks = first.update(List.of(moving(1)), FRAME);
        rule.evaluate(tracks, first.removedInLastUpdate());
        tracks = first.update(List.of(moving(2)), 2 * FRAME);
        List<HeavyVehicleRule.Confirmation> fired = rule.evaluate(tracks, first.removedInLastUpdate());
        assertEquals(1, fired.size());
        long id = fired.get(0).track().id();
        // A track is lost after two looks that miss it, the last more than 2 s after it was seen.
        first.update(List.of(), 2_900_000);
        tracks = first.update(List.of(), 3_000_000);
        List<Track> removed = new ArrayList<>(first.removedInLastUpdate());
        assertEquals(1, removed.size());
        assertTrue(rule.evaluate(tracks, removed).isEmpty());

        // A fresh tracker gives the next truck the same id: it must fire again.
        IouTracker second = new IouTracker(0.1f, 2_000_000);
        tracks = second.update(List.of(moving(0)), 4_000_000);
        assertEquals(id, tracks.get(0).id());
        assertTrue(rule.evaluate(tracks, List.of()).isEmpty(), "streak restarted at 1");
        tracks = second.update(List.of(moving(1)), 4_200_000);
        assertTrue(rule.evaluate(tracks, List.of()).isEmpty(), "not yet moved");
        tracks = second.update(List.of(moving(2)), 4_400_000);
        assertEquals(1, rule.evaluate(tracks, List.of()).size(), "a removed track's 'fired' was kept");
    }

    @Test
    void rejectsAStreakBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new HeavyVehicleRule(0, 0.5f));
    }
}
