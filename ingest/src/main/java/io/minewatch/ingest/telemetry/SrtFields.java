package io.minewatch.ingest.telemetry;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of one cue, whatever DJI shape it has: bracketed {@code [key: value]} pairs (keys
 * matched loosely: {@code longtitude} is a longitude), {@code key:value} pairs, {@code GPS(...)} and
 * {@code HOME(...)} argument lists, {@code H 85.8m} / {@code D 698.7m}, {@code F.PRY}/{@code G.PRY}
 * angle triples, a clock time and a frame counter. HTML tags ({@code <font>}) are ignored.
 */
final class SrtFields {
    private static final String NUM = "[-+]?(?:\\d{1,12}(?:\\.\\d{0,12})?|\\.\\d{1,12})";
    private static final Pattern TAG = Pattern.compile("<[^>]{0,200}>");
    private static final Pattern INDEX = Pattern.compile("\\s*(\\d{1,12})\\s*");
    private static final Pattern CLOCK = Pattern.compile(
            "(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})[ T]+(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?(?:,(\\d{1,3}))?");
    private static final Pattern COUNTER = Pattern.compile("(?i)\\b(?:FrameCnt|SrtCnt|Frame)\\s*:?\\s*(\\d{1,12})");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z][A-Za-z_.]{0,30}?)\\s*:\\s*(" + NUM + ")");
    private static final Pattern TUPLE = Pattern.compile("(?i)\\b(GPS|HOME|F\\.PRY|G\\.PRY)\\s*:?\\s*\\(([^)]{0,200})\\)");
    private static final Pattern LETTER_VALUE = Pattern.compile("(?<![A-Za-z.])([HD])\\s+(" + NUM + ")\\s*m\\b");
    private static final Pattern ARG = Pattern.compile("\\s*(" + NUM + ")\\s*([A-Za-z\u00B0]*)\\s*");

    private SrtFields() {
    }

    static SrtRecord read(SrtBlock block) {
        SrtRecord r = new SrtRecord(block.firstLine());
        for (int i = 0; i < block.lines().size(); i++) {
            String raw = block.lines().get(i);
            int line = block.lineOf(i);
            if (i == 0) {
                Matcher m = INDEX.matcher(raw);
                if (m.matches()) {
                    r.index = Long.parseLong(m.group(1));
                    r.recognised = true;
                    continue;
                }
            }
            Matcher timing = SrtLines.TIMING.matcher(raw);
            if (timing.matches()) {
                if (r.cueStart == null) {
                    r.cueStart = seconds(timing.group(1), timing.group(2), timing.group(3), timing.group(4));
                    r.timeLine = line;
                    r.recognised = true;
                }
                continue;
            }
            String text = TAG.matcher(raw).replaceAll(" ");
            clock(r, text, line);
            Matcher c = COUNTER.matcher(text);
            if (c.find() && r.counter == null) {
                r.counter = Long.parseLong(c.group(1));
                r.recognised = true;
            }
            tuples(r, text, line);
            pairs(r, text, line);
            Matcher lv = LETTER_VALUE.matcher(text);
            while (lv.find()) {
                double v = Double.parseDouble(lv.group(2));
                if (lv.group(1).equals("H")) {
                    r.altRel = first(r.altRel, v);
                } else {
                    r.distance = first(r.distance, v);
                }
                r.recognised = true;
            }
        }
        return r;
    }

    private static Double first(Double current, double v) {
        return current != null ? current : Double.valueOf(v);
    }

    private static double seconds(String h, String m, String s, String ms) {
        double t = Integer.parseInt(h) * 3600.0 + Integer.parseInt(m) * 60.0 + Integer.parseInt(s);
        if (ms != null) {
            t += Integer.parseInt(ms) / Math.pow(10, ms.length());
        }
        return t;
    }

    private static void clock(SrtRecord r, String text, int line) {
        if (r.clock != null) {
            return;
        }
        Matcher m = CLOCK.matcher(text);
        if (!m.find()) {
            return;
        }
        try {
            LocalDateTime dt = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)));
            String frac = (m.group(7) == null ? "" : m.group(7)) + (m.group(8) == null ? "" : m.group(8));
            double f = frac.isEmpty() ? 0 : Long.parseLong(frac) / Math.pow(10, frac.length());
            r.clock = dt.toEpochSecond(ZoneOffset.UTC) + f;
            if (r.timeLine == 0) {
                r.timeLine = line;
            }
            r.recognised = true;
        } catch (DateTimeException | NumberFormatException e) {
            // Not a date after all (month 13, ...): the cue may still have a cue time or a counter.
        }
    }

    private static void tuples(SrtRecord r, String text, int line) {
        Matcher m = TUPLE.matcher(text);
        while (m.find()) {
            SrtRecord.Tuple t = tuple(m.group(2), line);
            r.recognised = true;
            switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "GPS" -> r.gps = r.gps == null ? t : r.gps;
                case "HOME" -> r.home = r.home == null ? t : r.home;
                case "F.PRY" -> {
                    if (t != null && t.size() == 3) {
                        r.heading = first(r.heading, t.values()[2]);
                    }
                }
                default -> {
                    if (t != null && t.size() == 3) {
                        r.gimbalPitch = first(r.gimbalPitch, t.values()[0]);
                        r.gimbalYaw = first(r.gimbalYaw, t.values()[2]);
                    }
                }
            }
        }
    }

    /** The numbers of an argument list, or a tuple without values when one of them is not a number. */
    private static SrtRecord.Tuple tuple(String args, int line) {
        String[] parts = args.split(",", -1);
        double[] values = new double[parts.length];
        boolean[] unit = new boolean[parts.length];
        boolean[] integer = new boolean[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Matcher a = ARG.matcher(parts[i]);
            if (!a.matches()) {
                return new SrtRecord.Tuple(new double[0], new boolean[0], new boolean[0], args, line);
            }
            values[i] = Double.parseDouble(a.group(1));
            unit[i] = !a.group(2).isEmpty();
            integer[i] = !a.group(1).contains(".");
        }
        return new SrtRecord.Tuple(values, unit, integer, args, line);
    }

    private static void pairs(SrtRecord r, String text, int line) {
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            String key = letters(m.group(1));
            double v = Double.parseDouble(m.group(2));
            Key k = Key.of(key);
            if (k == null) {
                continue;
            }
            r.recognised = true;
            switch (k) {
                case LAT -> {
                    if (r.lat == null) {
                        r.lat = v;
                        r.latLine = line;
                    }
                }
                case LON -> {
                    if (r.lon == null) {
                        r.lon = v;
                        r.lonLine = line;
                    }
                }
                case ALT_REL -> r.altRel = first(r.altRel, v);
                case ALT_ABS -> r.altAbs = first(r.altAbs, v);
                case GIMBAL_PITCH -> r.gimbalPitch = first(r.gimbalPitch, v);
                case GIMBAL_YAW -> r.gimbalYaw = first(r.gimbalYaw, v);
                case HEADING -> r.heading = first(r.heading, v);
                default -> {
                }
            }
        }
    }

    /** The key in lower case, letters only ({@code rel_alt} is {@code relalt}). */
    private static String letters(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = Character.toLowerCase(key.charAt(i));
            if (c >= 'a' && c <= 'z') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The keys read from {@code key: value} pairs; names compared lower-case with everything but letters removed. */
    enum Key {
        LAT, LON, ALT_REL, ALT_ABS, GIMBAL_PITCH, GIMBAL_YAW, HEADING;

        private static final java.util.Map<String, java.util.Optional<Key>> KNOWN =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** The key a name means, or null; names seen are remembered (up to 10,000 of them). */
        static Key of(String k) {
            java.util.Optional<Key> known = KNOWN.get(k);
            if (known != null) {
                return known.orElse(null);
            }
            Key key = lookUp(k);
            if (KNOWN.size() < 10_000) {
                KNOWN.put(k, java.util.Optional.ofNullable(key));
            }
            return key;
        }

        private static Key lookUp(String k) {
            switch (k) {
                case "relalt", "relativealt", "relativealtitude", "height", "barometer", "baro", "hb" -> {
                    return ALT_REL;
                }
                case "absalt", "absolutealt", "absolutealtitude", "altitude", "alt", "ha" -> {
                    return ALT_ABS;
                }
                case "gbpitch", "gimbalpitch", "gpitch" -> {
                    return GIMBAL_PITCH;
                }
                case "gbyaw", "gimbalyaw", "gyaw" -> {
                    return GIMBAL_YAW;
                }
                case "droneyaw", "yaw", "heading", "fyaw" -> {
                    return HEADING;
                }
                default -> {
                }
            }
            if (k.equals("lat") || k.startsWith("lati") || k.startsWith("latt")) {
                return LAT;
            }
            if (k.equals("lon") || k.equals("lng") || k.equals("long") || k.startsWith("longi") || k.startsWith("longt")) {
                return LON;
            }
            int toLat = edits(k, "latitude");
            int toLon = edits(k, "longitude");
            if (Math.min(toLat, toLon) <= 2 && toLat != toLon) {
                return toLat < toLon ? LAT : LON;
            }
            return null;
        }

        /** Edits between a key and a word (Levenshtein); 99 for keys under six letters or far in length. */
        private static int edits(String k, String word) {
            if (k.length() < 6 || Math.abs(k.length() - word.length()) > 2) {
                return 99;
            }
            int[] prev = new int[word.length() + 1];
            int[] cur = new int[word.length() + 1];
            for (int j = 0; j <= word.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= k.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= word.length(); j++) {
                    int cost = k.charAt(i - 1) == word.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[word.length()];
        }
    }
}
