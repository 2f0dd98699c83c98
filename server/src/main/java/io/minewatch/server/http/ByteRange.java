package io.minewatch.server.http;

/**
 * One byte range of a file, from an HTTP {@code Range} header (RFC 9110 §14.1.2): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Of several ranges only the first is served, which every
 * video player asks for one at a time anyway.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** What a Range header asks of a file of this size. */
    sealed interface Parsed permits Whole, Partial, Unsatisfiable {
    }

    /** No usable Range header: send the whole file (RFC: ignore a syntactically invalid header). */
    record Whole() implements Parsed {
    }

    /** Send this part with 206. */
    record Partial(ByteRange range) implements Parsed {
    }

    /** The range lies outside the file: 416. */
    record Unsatisfiable() implements Parsed {
    }

    static Parsed parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) {
            return new Whole();
        }
        String spec = header.substring("bytes=".length()).split(",", 2)[0].trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.length() > 40) {
            return new Whole();
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
