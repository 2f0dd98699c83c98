package io.minewatch.alerts.mqtt;

/** Checks the pieces that go into MQTT topic names. */
public final class TopicNames {

    private TopicNames() {
    }

    /** A usable topic prefix: not empty, no wildcards or NUL, no leading or trailing '/'. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.startsWith("/") || prefix.endsWith("/")
                || hasAny(prefix, "+#\0")) {
            throw new IllegalArgumentException("MQTT topic prefix '" + prefix
                    + "' must be non-empty, without '+', '#', NUL or a leading or trailing '/'");
        }
        return prefix;
    }

    /** A usable single topic level: not empty, no '/', wildcards or NUL. */
    public static String checkLevel(String what, String level) {
        if (level == null || level.isEmpty() || hasAny(level, "/+#\0")) {
            throw new IllegalArgumentException(what + " id '" + level
                    + "' cannot be an MQTT topic level (empty, or holds '/', '+', '#' or NUL)");
        }
        return level;
    }

    /** Whether a topic matches an MQTT filter with {@code +} and {@code #} wildcards. */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private static boolean hasAny(String s, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (s.indexOf(chars.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
