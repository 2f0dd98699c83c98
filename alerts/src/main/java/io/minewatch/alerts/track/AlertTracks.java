package io.minewatch.alerts.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipSidecar;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * An alert's track as API v1 answers it ({@code GET /api/v1/alerts/{id}/track}): the stored points,
 * each with {@code offset_s}, its time in the alert's clip, whose time 0 is the clip's first key frame
 * (its sidecar records it). Exact where the point's frame came over the same camera connection as that
 * key frame: {@code (RTP time of the frame − RTP time of the key frame) / 1e6}, the very difference the
 * clip's own timestamps make (RTP time is what the clip is written with). Otherwise (a file source, a
 * reconnect in between) by the capture clock: {@code (capture time − the key frame's capture time)},
 * which is exact once the camera's RTCP sender reports are in and off by the arrival jitter before.
 * Without a clip (yet) {@code offset_s} is null. Callers check the alert's visibility first.
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
        Optional<ClipSidecar> sidecar = clips.apply(alertId).map(ClipFile::sidecar);
        long clipStart = sidecar.map(ClipSidecar::startUs).orElse(0L);
        long startPts = sidecar.map(ClipSidecar::startPtsUs).orElse(-1L);
        int startEpoch = sidecar.map(ClipSidecar::startEpoch).orElse(-1);
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
            if (startEpoch >= 0 && p.epoch() == startEpoch && p.sourcePtsMicros() >= 0) {
                o.put("offset_s", round((p.sourcePtsMicros() - startPts) / 1e6, 6));
            } else if (clipStart != 0) {
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
