package io.minewatch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one parse of Range (RFC 9110 §14): what is sent, and whether it starts at byte 0. */
class ByteRangeTest {
    private static final long SIZE = 1000;

    private static ByteRange.Parsed p(String header) {
        return ByteRange.parse(header, SIZE);
    }

    private static ByteRange.Parsed part(long first, long last) {
        return new ByteRange.Partial(new ByteRange(first, last));
    }

    @Test
    void rangesAsRfc9110SpellsThem() {
        assertEquals(part(0, 999), p("bytes=0-"));
        assertEquals(part(0, 999), p("bytes=00-"));
        assertEquals(part(0, 9), p("bytes=0000-0009"));
        assertEquals(part(100, 999), p("bytes=100-"));
        assertEquals(part(100, 199), p("bytes=100-199"));
        assertEquals(part(990, 999), p("bytes=990-5000"));
        assertEquals(part(900, 999), p("bytes=-100"));
        assertEquals(part(0, 999), p("bytes=-1000"));
        assertEquals(part(0, 999), p("bytes=-99999999999"));
        assertEquals(part(5, 5), p("Bytes=5-5"));
        assertEquals(part(5, 9), p("bytes=5-9,"));
        assertEquals(part(5, 9), p("bytes= 5-9 "));
    }

    @Test
    void numbersPastLongSaturate() {
        assertEquals(part(0, 999), p("bytes=-99999999999999999999999999999"));
        assertEquals(part(3, 999), p("bytes=3-99999999999999999999999999999"));
        assertEquals(new ByteRange.Unsatisfiable(), p("bytes=99999999999999999999999999999-"));
    }

    @Test
    void outsideTheFileIs416() {
        assertEquals(new ByteRange.Unsatisfiable(), p("bytes=1000-"));
        assertEquals(new ByteRange.Unsatisfiable(), p("bytes=-0"));
        assertEquals(new ByteRange.Unsatisfiable(), ByteRange.parse("bytes=0-", 0));
    }

    @Test
    void invalidOrSeveralRangesAreIgnoredAndTheWholeFileSent() {
        for (String h : new String[] {null, "", "bytes=", "bytes=,", "bytes=abc", "bytes=5-3", "bytes=+5-",
            "bytes=-", "bytes=1-2-3", "bytes=0x10-", "items=0-", "bytes=0-0,5-9", "bytes=5 -9",
            "bytes=" + "1".repeat(300) + "-"}) {
            assertEquals(new ByteRange.Whole(), p(h), String.valueOf(h));
        }
    }

    @Test
    void aViewFromTheStartIsExactlyAnAnswerThatCarriesByteZero() {
        for (String h : new String[] {null, "bytes=0-", "bytes=00-", "bytes=0-0", "bytes=-1000", "bytes=-99999999999",
            "bytes=0-0,5-9", "bytes=junk"}) {
            assertEquals(true, p(h).fromStart(), String.valueOf(h));
        }
        for (String h : new String[] {"bytes=1-", "bytes=100-", "bytes=-999", "bytes=1000-", "bytes=-0"}) {
            assertEquals(false, p(h).fromStart(), h);
        }
    }
}
