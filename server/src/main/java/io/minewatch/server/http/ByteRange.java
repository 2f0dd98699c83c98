package io.minewatch.server.http;

/**
 * One byte range of a file, from an HTTP {@code Range} header (RFC 9110 §14): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}, digits with any leading zeros, numbers past {@code long}
 * saturating (a first byte that large is past any file, a last byte or suffix that large reaches its end).
 * A header that is not valid {@code bytes} syntax, or that asks for several ranges, is ignored and the
 * whole file sent (§14.2 lets a server ignore Range; sending one part of several would be wrong, and
 * a multipart answer is not worth its cost here).
 *
 * <p>The one parse decides both what is sent and whether the answer starts at byte 0, so the audit of
 * a playback ({@link Parsed#fromStart()}) cannot disagree with the bytes served.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {
    /** Longer headers are not a range a player sends: ignored. */
    private static final int MAX_HEADER = 200;

    long length() {
        return last - first + 1;
    }

    /** What a Range header asks of a file of this size. */
    sealed interface Parsed permits Whole, Partial, Unsatisfiable {
        /** True when the answer carries the file's first byte: a view from the start. */
        boolean fromStart();
    }

    /** No usable Range header: send the whole file. */
    record Whole() implements Parsed {
        @Override
        public boolean fromStart() {
            return true;
        }
    }

    /** Send this part with 206. */
    record Partial(ByteRange range) implements Parsed {
        @Override
        public boolean fromStart() {
            return range.first() == 0;
        }
    }

    /** The range lies outside the file: 416, no body. */
    record Unsatisfiable() implements Parsed {
        @Override
        public boolean fromStart() {
            return false;
        }
    }

    static Parsed parse(String header, long size) {
        if (header == null || header.length() > MAX_HEADER) {
            return new Whole();
        }
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return new Whole();
        }
        String spec = null;
        for (String part : header.substring(eq + 1).split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue; // empty list elements are allowed (RFC 9110 §5.6.1)
            }
            if (spec != null) {
                return new Whole();
            }
            spec = p;
        }
        if (spec == null) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String a = spec.substring(0, dash);
        String b = spec.substring(dash + 1);
        if (a.isEmpty()) {
            long suffix = digits(b);
            if (suffix < 0) {
                return new Whole();
            }
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = digits(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
        if (first < 0 || last < 0 || last < first) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Partial(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** A run of ASCII digits as a number, saturating at {@code Long.MAX_VALUE}; -1 when not all digits. */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int d = c - '0';
            v = v > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : v * 10 + d;
        }
        return v;
    }
}
