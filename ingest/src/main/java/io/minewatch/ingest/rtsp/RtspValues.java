package io.minewatch.ingest.rtsp;

/** Small parsers for values in RTSP headers and SDP attributes. */
final class RtspValues {
    private RtspValues() {
    }

    /** Resolves a control attribute against a base URL (RFC 2326 C.1.1). */
    static String resolve(String base, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) {
            return base;
        }
        if (control.regionMatches(true, 0, "rtsp://", 0, 7)) {
            return control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    /** A header or parameter value as an int; {@code def} when absent or not a number. */
    static int parseInt(String s, int def) {
        if (s == null) {
            return def;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
