package io.minewatch.config;

/**
 * One camera: where its detect stream comes from and how it is sampled.
 *
 * @param id        unique camera id, used in topics and metric tags
 * @param site      id of the site the camera watches
 * @param detect    detect source: a file path (resolved against the config file's folder), an rtsp:// URL,
 *                  {@code push} (the stream is pushed to the rtsp_server at path /&lt;id&gt;) or {@code rtmp}
 *                  (published to the rtmp server at rtmp://host:port/live/&lt;id&gt;)
 * @param record    optional record source (null when the detect stream is also the record stream)
 * @param fps       frames per second handed to the detector (default 5)
 * @param width     detect frame width in pixels; 0 keeps the source's (default 0)
 * @param height    detect frame height in pixels; 0 keeps the source's aspect (default 0)
 * @param enabled   whether the camera runs (default true)
 * @param realtime  file sources only: pace at real time (true, default) or as fast as possible
 * @param loop      file sources only: start again at the end (default false)
 * @param detection detection settings: model card, motion, zones, schedules, rules, tamper
 * @param ingest    RTSP ingest settings (transport, timeouts, offline debounce, pre-roll ring)
 * @param droneSn   serial number of the drone carrying this camera (DJI Cloud API {@code thing/product/<sn>/osd}
 *                  gives its live position), or null
 */
public record CameraConfig(
        String id,
        String site,
        String detect,
        String record,
        double fps,
        int width,
        int height,
        boolean enabled,
        boolean realtime,
        boolean loop,
        DetectSettings detection,
        IngestSettings ingest,
        String droneSn) {

    public CameraConfig {
        detection = detection == null ? DetectSettings.DEFAULT : detection;
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(site, "site");
        java.util.Objects.requireNonNull(detect, "detect");
        ingest = ingest == null ? IngestSettings.DEFAULTS : ingest;
    }

    /** A camera carried by no drone. */
    public CameraConfig(String id, String site, String detect, String record, double fps, int width, int height,
                        boolean enabled, boolean realtime, boolean loop, DetectSettings detection,
                        IngestSettings ingest) {
        this(id, site, detect, record, fps, width, height, enabled, realtime, loop, detection, ingest, null);
    }

    /** A camera with the default detection and ingest settings. */
    public CameraConfig(String id, String site, String detect, String record, double fps, int width, int height,
                        boolean enabled, boolean realtime, boolean loop) {
        this(id, site, detect, record, fps, width, height, enabled, realtime, loop, DetectSettings.DEFAULT,
                IngestSettings.DEFAULTS);
    }

    /** A camera with these detection settings and the default ingest settings. */
    public CameraConfig(String id, String site, String detect, String record, double fps, int width, int height,
                        boolean enabled, boolean realtime, boolean loop, DetectSettings detection) {
        this(id, site, detect, record, fps, width, height, enabled, realtime, loop, detection,
                IngestSettings.DEFAULTS);
    }

    /** A camera with these ingest settings and the default detection settings. */
    public CameraConfig(String id, String site, String detect, String record, double fps, int width, int height,
                        boolean enabled, boolean realtime, boolean loop, IngestSettings ingest) {
        this(id, site, detect, record, fps, width, height, enabled, realtime, loop, DetectSettings.DEFAULT,
                ingest);
    }

    /** The {@code detect} value of a camera whose stream is pushed to the RTSP server. */
    public static final String PUSH = "push";

    /** The {@code detect} value of a camera whose stream is published to the RTMP server. */
    public static final String RTMP = "rtmp";

    /** True when the detect source is a network stream rather than a file. */
    public boolean isNetworkSource() {
        return detect.contains("://") || isPushed() || isRtmp();
    }

    /** True when the stream is published to the RTMP server ({@code detect: rtmp}). */
    public boolean isRtmp() {
        return RTMP.equals(detect);
    }

    /** True when the stream is pushed to the RTSP server ({@code detect: push}). */
    public boolean isPushed() {
        return PUSH.equals(detect);
    }

    /** Like the record's own, but with passwords in source URLs masked (see {@link Redact#url(String)}). */
    @Override
    public String toString() {
        return "CameraConfig[id=" + id + ", site=" + site + ", detect=" + Redact.text(detect)
                + ", record=" + Redact.text(record) + ", fps=" + fps + ", width=" + width + ", height=" + height
                + ", enabled=" + enabled + ", realtime=" + realtime + ", loop=" + loop + ", detection=" + detection
                + ", ingest=" + ingest + (droneSn == null ? "" : ", droneSn=" + droneSn) + "]";
    }
}
