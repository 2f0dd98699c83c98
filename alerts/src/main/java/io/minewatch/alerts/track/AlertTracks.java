package io.minewatch.alerts.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.clips.ClipFile;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * An alert's track as API v1 answers it ({@code GET /api/v1/alerts/{id}/track}): the stored points,
 * each with {@code offset_s}, its time in the alert's clip — {@code (capture time − clip start) / 1e6},
 * where the clip's start is the capture time of its first key frame, which its sidecar records
 * ({@code start_us}) and which is the MP4's time 0. The same capture clock stamps both (the access
 * unit's), so a page can put the box at {@code video.currentTime}. Without a clip (yet) {@code offset_s}
 * is null. Callers check the alert's visibility first.
 */
public final class AlertTracks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackStore store;
    private final Function<String, Optional<ClipFile>> clips;

    /**
     * @param clips the clip that holds an alert (its own, or the one it shares), by alert id
     */
    public AlertTracks(TrackStore store, Function<String, Optional<ClipFile>> clips) {
        this.store = store;
        this.clips = clips;
    }

    /** The answer for an alert: its track (empty {@code points} when none was stored). */
    public ObjectNode track(String alertId, String camera) {
        Optional<TrackStore.Stored> stored = store.read(alertId);
        long clipStart = clips.apply(alertId).map(c -> c.sidecar().startUs()).orElse(0L);
        ObjectNode n = JSON.createObjectNode();
        n.put("alert", alertId);
        n.put("camera", stored.map(s -> s.summary().camera()).orElse(camera));
        ArrayNode frame = n.putArray("frame");
        stored.ifPresent(s -> frame.add(s.summary().width()).add(s.summary().height()));
        if (clipStart != 0) {
            n.put("clip_start", micros(clipStart).toString());
        } else {
            n.putNull("clip_start");
        }
        ArrayNode points = n.putArray("points");
        for (TrackStore.Point p : stored.map(TrackStore.Stored::points).orElse(java.util.List.of())) {
            ObjectNode o = points.addObject();
            o.put("t", p.time().toString());
            if (clipStart != 0) {
                o.put("offset_s", round((toMicros(p.time()) - clipStart) / 1e6, 6));
            } else {
                o.putNull("offset_s");
            }
            o.put("stream_offset_s", round(p.streamOffsetS(), 6));
            o.putArray("box_norm").add(round(p.x1(), 4)).add(round(p.y1(), 4)).add(round(p.x2(), 4))
                    .add(round(p.y2(), 4));
            o.put("label", p.label());
            o.put("score", round(p.score(), 3));
            o.put("object_id", p.objectId());
        }
        int cut = stored.map(s -> s.summary().cut()).orElse(0);
        n.put("cut", cut);
        n.put("truncated", cut > 0);
        n.put("bound", TrackBook.MAX_POINTS_PER_ALERT);
        return n;
    }

    private static Instant micros(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }

    private static long toMicros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
