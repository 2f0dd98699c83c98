package io.minewatch.alerts.lifecycle;

import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.AlertFactory;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SuppressWindow;
import io.minewatch.detect.event.DetectionEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns detection events into alert lifecycle steps, keyed by camera and rule, so any rule works.
 *
 * <p>Not thread-safe: one thread (the dispatcher's) owns it. Event times (capture times) decide
 * whether an event continues an activity period; {@link #tick} ends periods by the wall clock, when no
 * event came for the gap.
 */
public final class AlertLifecycle {

    private final AlertsConfig config;
    private final AlertFactory factory;
    private final Function<String, ZoneId> zoneOf;
    private final Duration gap;
    private final Duration cooldown;
    private final Duration memory;
    private final Map<String, Open> open = new HashMap<>();
    private final Map<String, Ended> ended = new HashMap<>();

    /** A lifecycle whose suppression windows are read in one time zone for every camera. */
    public AlertLifecycle(AlertsConfig config, AlertFactory factory, ZoneId zone) {
        this(config, factory, camera -> zone);
    }

    /**
     * A lifecycle whose suppression windows ({@code alerts.suppress}) are read in each camera's own time
     * zone, as its detection schedules are.
     *
     * @param zoneOf the time zone of a site id, which events carry (see {@link #siteZones})
     */
    public AlertLifecycle(AlertsConfig config, AlertFactory factory, Function<String, ZoneId> zoneOf) {
        this.config = config;
        this.factory = factory;
        this.zoneOf = zoneOf;
        this.gap = seconds(config.gapS());
        this.cooldown = seconds(config.cooldownS());
        this.memory = seconds(config.stationaryMemoryS());
    }

    /**
     * Each site's time zone ({@code sites[].timezone}), by site id; UTC for a site the configuration
     * does not know. Never the JVM's default zone, which has nothing to do with the site.
     */
    public static Function<String, ZoneId> siteZones(List<SiteConfig> sites) {
        Map<String, ZoneId> zones = new HashMap<>();
        sites.forEach(s -> zones.put(s.id(), s.timezone()));
        Map<String, ZoneId> frozen = Map.copyOf(zones);
        return site -> frozen.getOrDefault(site, ZoneOffset.UTC);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** The step for one event; {@code now} is the wall-clock time it arrived. */
    public List<Step> onEvent(DetectionEvent e, Instant now) {
        // A drone flight's alerts are also split by the site the geofence put them in; cameras have one site.
        String key = e.camera() + "|" + e.rule() + (e.flight() == null ? "" : "|" + e.site());
        List<Step> steps = new ArrayList<>(2);
        Open current = open.get(key);
        if (current != null && Duration.between(current.lastEventTime, e.time()).compareTo(gap) <= 0) {
            steps.add(current.add(e, now));
            return steps;
        }
        if (current != null) {
            steps.add(end(key, current, now));
        }
        LocalTime local = e.time().atZone(zoneOf.apply(e.site())).toLocalTime();
        for (SuppressWindow w : config.suppress()) {
            if (w.covers(e.camera(), e.rule(), local)) {
                steps.add(new Step(Step.SUPPRESSED, null));
                return steps;
            }
        }
        // Not for flights: their frame positions move with the drone and they are read faster than real
        // time, so an earlier box or the wall-clock cooldown says nothing about a new object.
        Ended before = e.flight() == null ? ended.get(key) : null;
        if (before != null) {
            before.forget(now.minus(memory));
            if (before.stationary(e, config.stationaryIou(), now)) {
                steps.add(new Step(Step.STATIONARY, null));
                return steps;
            }
            if (Duration.between(before.at, now).compareTo(cooldown) < 0) {
                steps.add(new Step(Step.COOLDOWN, null));
                return steps;
            }
        }
        Alert alert = factory.fromEvent(e, config.level(e.rule()));
        open.put(key, new Open(alert, e, now));
        steps.add(new Step(Step.NEW, alert));
        return steps;
    }

    /** Ends the activity periods without an event for the gap (wall clock). */
    public List<Step> tick(Instant now) {
        List<Step> steps = new ArrayList<>();
        for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Open> entry = it.next();
            if (Duration.between(entry.getValue().lastSeen, now).compareTo(gap) > 0) {
                it.remove();
                steps.add(remember(entry.getKey(), entry.getValue(), now));
            }
        }
        return steps;
    }

    /** Ends every open period (shutdown). */
    public List<Step> endAll(Instant now) {
        List<Step> steps = new ArrayList<>();
        open.forEach((key, o) -> steps.add(remember(key, o, now)));
        open.clear();
        return steps;
    }

    /** The ids of the open alerts of this camera that hold this object (any rule), for its track points. */
    public List<String> openAlertsWith(String camera, long objectId) {
        List<String> ids = new ArrayList<>(1);
        for (Open o : open.values()) {
            if (o.best.camera().equals(camera) && o.objects.contains(objectId)) {
                ids.add(o.best.id());
            }
        }
        return ids;
    }

    /** Alerts with an open activity period now. */
    public int openCount() {
        return open.size();
    }

    private Step end(String key, Open o, Instant now) {
        open.remove(key);
        return remember(key, o, now);
    }

    private Step remember(String key, Open o, Instant now) {
        Ended e = ended.computeIfAbsent(key, k -> new Ended());
        e.at = now;
        e.objects.addAll(o.objects);
        e.boxes.addAll(o.boxes.stream().map(b -> new Seen(b, now)).toList());
        return new Step(Step.END, o.best.as(AlertFactory.EVENT_END));
    }

    /** An alert whose activity period is open. */
    private final class Open {
        Alert best;
        Instant lastEventTime;
        Instant lastSeen;
        final Set<Long> objects = new HashSet<>();
        final List<float[]> boxes = new ArrayList<>();

        Open(Alert alert, DetectionEvent e, Instant now) {
            best = alert;
            lastEventTime = e.time();
            lastSeen = now;
            objects.add(e.objectId());
            boxes.add(Boxes.norm(e));
        }

        Step add(DetectionEvent e, Instant now) {
            if (e.time().isAfter(lastEventTime)) {
                lastEventTime = e.time();
            }
            lastSeen = now;
            boolean moreObjects = objects.add(e.objectId());
            if (moreObjects) {
                boxes.add(Boxes.norm(e));
            }
            boolean better = e.score() > best.score() && e.snapshot() != null;
            if (!moreObjects && !better) {
                return new Step(Step.NONE, null);
            }
            Alert update = better ? factory.update(best, e, objects.size())
                    : withObjects(best.as(AlertFactory.EVENT_UPDATE), objects.size());
            best = update;
            return new Step(Step.UPDATE, update);
        }
    }

    private static Alert withObjects(Alert a, int objects) {
        return new Alert(a.id(), a.event(), a.rule(), a.level(), a.camera(), a.site(), a.time(),
                a.started(), a.streamOffsetS(), a.category(), a.label(), a.score(), a.box(), a.boxNorm(), a.objectId(),
                objects, a.snapshot(), a.lat(), a.lon(), a.accuracyM(), a.geoSource(), a.flight());
    }

    /** What is remembered of the ended alerts of one camera and rule. */
    private static final class Ended {
        Instant at;
        final Set<Long> objects = new HashSet<>();
        final List<Seen> boxes = new ArrayList<>();

        void forget(Instant before) {
            boxes.removeIf(s -> s.at.isBefore(before));
            if (boxes.isEmpty()) {
                objects.clear();
            }
        }

        /** The same track, or a box where an ended alert's object stood: an object that has not moved. */
        boolean stationary(DetectionEvent e, double iou, Instant now) {
            float[] box = Boxes.norm(e);
            boolean same = objects.contains(e.objectId());
            for (Seen s : boxes) {
                if (Boxes.iou(s.box, box) >= iou) {
                    s.at = now;
                    same = true;
                }
            }
            return same;
        }
    }

    private static final class Seen {
        final float[] box;
        Instant at;

        Seen(float[] box, Instant at) {
            this.box = box;
            this.at = at;
        }
    }
}
