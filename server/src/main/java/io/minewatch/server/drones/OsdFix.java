package io.minewatch.server.drones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One drone position read from a DJI Cloud API OSD message ({@code thing/product/<sn>/osd}). Fields read
 * from its {@code data} object: {@code latitude}, {@code longitude} (WGS-84 degrees; required: a message
 * without them, with both 0 — DJI's "no GNSS fix" — or out of range is refused), {@code height}
 * (ellipsoid height, m), {@code elevation} (height above the take-off point, m) and
 * {@code attitude_head} (heading, degrees, -180..180); the last three may be absent (null).
 *
 * @param receivedNanos {@link System#nanoTime} when the server received it: the age bound runs on the
 *                      server's clock, not on the drone's {@code timestamp}
 */
public record OsdFix(double lat, double lon, Double height, Double elevation, Double heading, long receivedNanos) {
    /** The largest OSD payload read. */
    public static final int MAX_PAYLOAD = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a payload.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, no data, no or invalid position)
     */
    public static OsdFix parse(byte[] payload, long receivedNanos) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes (limit " + MAX_PAYLOAD + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("no data object");
        }
        JsonNode lat = data.get("latitude");
        JsonNode lon = data.get("longitude");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw new IllegalArgumentException("no numeric data.latitude and data.longitude");
        }
        double la = lat.doubleValue();
        double lo = lon.doubleValue();
        if (!(la >= -90 && la <= 90 && lo >= -180 && lo <= 180)) {
            throw new IllegalArgumentException("position out of range");
        }
        if (la == 0 && lo == 0) {
            throw new IllegalArgumentException("position 0,0 (no GNSS fix)");
        }
        return new OsdFix(la, lo, number(data, "height"), number(data, "elevation"), number(data, "attitude_head"),
                receivedNanos);
    }

    private static Double number(JsonNode data, String key) {
        JsonNode n = data.get(key);
        return n != null && n.isNumber() && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }
}
