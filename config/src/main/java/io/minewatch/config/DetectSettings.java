package io.minewatch.config;

import java.util.List;
import java.util.Map;

/**
 * A camera's detection settings ({@code cameras[].detection}): which model card, how motion gates
 * the detector, zones and masks, schedules, the rules that raise events, and tamper checks.
 *
 * @param model           model card name, a folder under the models directory; null = the server's default card
 * @param fullFrameEveryS seconds between full-frame detector runs without motion, so stationary objects stay confirmed
 * @param motion          motion-gate thresholds
 * @param zones           named polygons (normalised 0..1 coordinates) with a kind; kind {@code mask} hides motion
 * @param schedules       named schedules: time windows in the site's time zone
 * @param rules           the rules that raise events on this camera; {@code heavy_vehicle} always runs
 * @param tamper          whether a blocked, blurred or moved view raises {@code camera_tamper}
 * @param decodeThreads   FFmpeg decoder threads for this camera's detect path (default 1)
 * @param overlay         whether and how the camera learns its burned-in text (on by default)
 */
public record DetectSettings(
        String model,
        double fullFrameEveryS,
        MotionConfig motion,
        List<ZoneConfig> zones,
        Map<String, List<TimeWindow>> schedules,
        List<RuleConfig> rules,
        boolean tamper,
        int decodeThreads,
        OverlayConfig overlay) {

    /** What a camera without a {@code detection} key gets. */
    public static final DetectSettings DEFAULT = new DetectSettings(null, 10, MotionConfig.DEFAULT,
            List.of(), Map.of(), List.of(), true, 1, OverlayConfig.DEFAULT);

    /** Settings with the default overlay learning. */
    public DetectSettings(String model, double fullFrameEveryS, MotionConfig motion, List<ZoneConfig> zones,
                          Map<String, List<TimeWindow>> schedules, List<RuleConfig> rules, boolean tamper,
                          int decodeThreads) {
        this(model, fullFrameEveryS, motion, zones, schedules, rules, tamper, decodeThreads, OverlayConfig.DEFAULT);
    }

    /** Settings with a one-thread decoder. */
    public DetectSettings(String model, double fullFrameEveryS, MotionConfig motion, List<ZoneConfig> zones,
                          Map<String, List<TimeWindow>> schedules, List<RuleConfig> rules, boolean tamper) {
        this(model, fullFrameEveryS, motion, zones, schedules, rules, tamper, 1, OverlayConfig.DEFAULT);
    }

    public DetectSettings {
        zones = List.copyOf(zones);
        schedules = Map.copyOf(schedules);
        rules = List.copyOf(rules);
    }

    /**
     * How the camera learns its burned-in text (camera name, clock, banners) and drops detections
     * inside it ({@code detection.overlay}).
     *
     * @param enabled      learn the overlay and drop detections inside it (default true)
     * @param dropCoverage least share (0..1] of a detection's box inside the overlay for it to be dropped (0.6)
     * @param warmupS      stream seconds of looks before the first mask (16); shorter learns sooner but
     *                     may take a vehicle that stood still for that long for text
     * @param refreshS     stream seconds between two rebuilds of the mask (30)
     */
    public record OverlayConfig(boolean enabled, double dropCoverage, double warmupS, double refreshS) {
        public static final OverlayConfig DEFAULT = new OverlayConfig(true, 0.6, 16, 30);
    }

    /**
     * Motion-gate thresholds.
     *
     * @param threshold grey-level difference (1..255) from the background that counts as changed
     * @param minArea   share of the frame (0..1) a changed contour must cover to count as motion
     */
    public record MotionConfig(int threshold, double minArea) {
        public static final MotionConfig DEFAULT = new MotionConfig(25, 0.0005);
    }

    /**
     * A zone: a polygon in normalised frame coordinates (0..1, origin top-left).
     *
     * @param name   zone name, unique per camera; appears in events
     * @param kind   pit, road, stockpile, riverbank or mask
     * @param points the polygon's corners, each {@code [x, y]}
     */
    public record ZoneConfig(String name, String kind, List<double[]> points) {
        /** The accepted kinds. */
        public static final List<String> KINDS = List.of("pit", "road", "stockpile", "riverbank", "mask");

        public ZoneConfig {
            points = List.copyOf(points);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("ZoneConfig[name=" + name + ", kind=" + kind + ", points=[");
            for (int i = 0; i < points.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(java.util.Arrays.toString(points.get(i)));
            }
            return sb.append("]]").toString();
        }
    }

    /**
     * A daily time window in the site's time zone; {@code end} before {@code start} crosses midnight.
     *
     * @param startMinute minutes after midnight the window opens
     * @param endMinute   minutes after midnight it closes
     */
    public record TimeWindow(int startMinute, int endMinute) {
        /** Whether a local time of day (minutes after midnight) lies in the window. */
        public boolean contains(int minuteOfDay) {
            return startMinute <= endMinute
                    ? minuteOfDay >= startMinute && minuteOfDay < endMinute
                    : minuteOfDay >= startMinute || minuteOfDay < endMinute;
        }
    }

    /**
     * One rule and its parameters; which parameters apply depends on {@code type}.
     *
     * @param type     heavy_vehicle_in_zone, dwell, haul_trips or ground_change
     * @param zones    zone names the rule watches; empty = every zone of the kinds the rule uses
     * @param schedule schedule name the rule is limited to; null = always
     * @param minutes  dwell: stationary minutes before it fires; haul_trips: the counting window
     * @param count    haul_trips: heavy vehicles through the zone within the window
     * @param ground   ground_change: its parameters ({@link GroundConfig#DEFAULT} for the other types)
     */
    public record RuleConfig(String type, List<String> zones, String schedule, double minutes, int count,
                             GroundConfig ground) {
        /** The accepted types. */
        public static final List<String> TYPES = List.of("heavy_vehicle_in_zone", "dwell", "haul_trips",
                "ground_change");

        public RuleConfig {
            zones = List.copyOf(zones);
            ground = ground == null ? GroundConfig.DEFAULT : ground;
        }

        /** A rule with the default ground_change parameters (the other types have none). */
        public RuleConfig(String type, List<String> zones, String schedule, double minutes, int count) {
            this(type, zones, schedule, minutes, count, GroundConfig.DEFAULT);
        }
    }

    /**
     * The parameters of a {@code ground_change} rule (keys of the rule itself; see the README's
     * "Ground change" section for what each trades off).
     *
     * @param share           least share (0.02..1) of the zone's watchable area that must stay changed (0.10)
     * @param observations    N: least observations in a row (misses allowed, see README) the change must
     *                        persist through (6)
     * @param hours           M: least hours between the first and the last of them (12)
     * @param sampleMinutes   minutes of capture time between two observations of the camera's zones (5)
     * @param bandHours       width of an hour-of-day band with its own reference (3: 8 bands a day)
     * @param referenceFrames observations without tracked objects that make a band's reference (6)
     * @param cooldownHours   after an alert, hours before the zone may alert again; its references are
     *                        rebuilt from the ground as it is after the alert (72)
     * @param referenceDays   age in days after which a band's reference is rebuilt when no change is
     *                        building up (30; seasons, vegetation)
     */
    public record GroundConfig(double share, int observations, double hours, double sampleMinutes, int bandHours,
                               int referenceFrames, double cooldownHours, double referenceDays) {
        public static final GroundConfig DEFAULT = new GroundConfig(0.10, 6, 12, 5, 3, 6, 72, 30);
    }
}
