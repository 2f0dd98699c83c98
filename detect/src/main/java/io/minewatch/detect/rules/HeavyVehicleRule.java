package io.minewatch.detect.rules;

import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.track.Track;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fires once per object when a tracked object is seen as heavy machinery ({@link Heavy}) in a number of consecutive
 * detect frames, at least once with a confirming score, and heavy is what the model has mostly
 * called it lately. A vehicle that stays in view — parked, or crawling — never fires again; a new
 * appearance is a new track.
 *
 * <p>Two thresholds, as Frigate has: the detector reports candidates from its low minimum score,
 * and a track must reach the higher confirming score before it becomes an event, so a car the
 * model calls "truck" at 0.35 for a frame or two stays quiet.
 *
 * <p>A class vote over the track's last {@value #VOTE_WINDOW} sightings (Frigate's sub-label
 * voting, weighted by score): the heavy sightings' scores must add up to at least the other
 * sightings' scores. A car the model has called "car" at 0.8 all along that it calls "truck" for
 * two frames as it turns stays quiet; a lorry first seen far away as a "car" wins the vote once
 * it is close enough to be seen for what it is.
 *
 * <p>Evidence of a moving vehicle: {@code heavy_vehicle} is about road traffic, so a track fires
 * only once it has moved ({@link Track#moved()}): in two sightings in a row its centre was at
 * least half its size (the square root of its first box's area) from where it was first seen, or
 * its box 1.6 times larger or smaller (a lorry driving towards or away from the camera). A parked vehicle — or a lorry-shaped thing painted on a sign, or burned-in text the
 * overlay mask missed — never fires here; machinery standing still is the stationary rules'
 * business ({@code dwell} in pit and riverbank zones).
 */
public final class HeavyVehicleRule {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HeavyVehicleRule.class);
    /** Rule name in events, alerts and metric tags. */
    public static final String NAME = "heavy_vehicle";
    /** The category the rule looks for. */
    public static final String CATEGORY = Category.HEAVY_VEHICLE.wire();

    /** Sightings the class vote looks back over (2 s at the default 5 detect fps). */
    static final int VOTE_WINDOW = 10;

    private final int minConsecutiveFrames;
    private final float confirmScore;
    private final Map<Long, Integer> streaks = new HashMap<>();
    /** Per track, its last sightings' scores, negative when not heavy machinery. */
    private final Map<Long, ArrayDeque<Float>> votes = new HashMap<>();
    private final Map<Long, Detection> best = new HashMap<>();
    private final Set<Long> fired = new HashSet<>();

    /**
     * @param minConsecutiveFrames detect frames in a row the object must be seen as heavy in
     * @param confirmScore         score that one heavy sighting of the streak must reach
     */
    public HeavyVehicleRule(int minConsecutiveFrames, float confirmScore) {
        if (minConsecutiveFrames < 1) {
            throw new IllegalArgumentException("minConsecutiveFrames must be >= 1");
        }
        this.minConsecutiveFrames = minConsecutiveFrames;
        this.confirmScore = confirmScore;
    }

    /**
     * Takes the tracker's state after one detect frame and returns the tracks that confirm in this
     * frame, each with its best heavy-vehicle sighting of the streak. {@code removed} are tracks the tracker dropped, forgotten here too.
     */
    public List<Confirmation> evaluate(List<Track> tracks, Collection<Track> removed) {
        for (Track gone : removed) {
            streaks.remove(gone.id());
            votes.remove(gone.id());
            best.remove(gone.id());
            fired.remove(gone.id());
        }
        List<Confirmation> confirmed = new ArrayList<>();
        for (Track track : tracks) {
            boolean heavy = track.matchedNow() && Heavy.is(track.lastDetection().category());
            if (track.matchedNow()) {
                vote(track.id(), heavy ? track.lastDetection().score() : -track.lastDetection().score());
            }
            if (!heavy) {
                streaks.remove(track.id());
                best.remove(track.id());
                continue;
            }
            int streak = streaks.merge(track.id(), 1, Integer::sum);
            Detection top = best.merge(track.id(), track.lastDetection(),
                    (a, b) -> b.score() > a.score() ? b : a);
            if (streak >= minConsecutiveFrames && top.score() >= confirmScore && heavyWinsVote(track.id())
                    && moved(track) && fired.add(track.id())) {
                confirmed.add(new Confirmation(track, top));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("track {} confirmed: travelled {} of its size, area x{}, first seen {} s", track.id(),
                            track.travelled(), track.scaleChange(), track.firstSeenMicros() / 1e6);
                }
            }
        }
        return confirmed;
    }

    /** Whether the track shows a moving vehicle (see the class comment). */
    public static boolean moved(Track track) {
        return track.moved();
    }

    /** Records one sighting: its score, negative when it was not heavy machinery. */
    private void vote(long trackId, float signedScore) {
        ArrayDeque<Float> v = votes.computeIfAbsent(trackId, k -> new ArrayDeque<>(VOTE_WINDOW));
        if (v.size() == VOTE_WINDOW) {
            v.removeFirst();
        }
        v.addLast(signedScore);
    }

    /** Called after a heavy sighting was recorded, so the track has votes. */
    private boolean heavyWinsVote(long trackId) {
        float sum = 0;
        for (float s : votes.get(trackId)) {
            sum += s;
        }
        return sum >= 0;
    }

    /** Whether the track has confirmed as a heavy vehicle (the zone rules act on confirmed tracks only). */
    public boolean confirmed(long trackId) {
        return fired.contains(trackId);
    }

    /** A track that confirmed, with the best-scoring heavy-vehicle sighting of its streak. */
    public record Confirmation(Track track, Detection best) {
    }
}
