package io.minewatch.ingest.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits an SRT file into cues: blank lines end a cue, and so does a second {@code -->} timing line (a file
 * that lost its blank lines). Reads UTF-8 (or UTF-16 with its byte-order mark), bad bytes replaced;
 * limits every line to {@link #MAX_LINE_CHARS} characters and the file to {@link #MAX_RECORDS} cues.
 */
final class SrtLines {
    /** The longest line read; DJI's longest are ~300 characters. */
    static final int MAX_LINE_CHARS = 4096;
    /** The most cues read: ten hours at 50 records a second. */
    static final int MAX_RECORDS = 2_000_000;

    static final Pattern TIMING = Pattern.compile(
            "\\s*(\\d{1,3}):(\\d{1,2}):(\\d{1,2})(?:[,.:](\\d{1,3}))?\\s*-->\\s*(\\d{1,3}):(\\d{1,2}):(\\d{1,2})(?:[,.:](\\d{1,3}))?.*");
    private static final Pattern INDEX = Pattern.compile("\\s*\\d{1,9}\\s*");

    private final java.io.BufferedReader in;
    private final ProblemLog problems;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean skipLf;
    private int lineNo;
    private boolean unterminated;
    private boolean truncatedAtLimit;

    private SrtLines(java.io.BufferedReader in, ProblemLog problems) {
        this.in = in;
        this.problems = problems;
    }

    /** The cues of a file, and whether its last line stopped without a line end (a file cut short, or not). */
    record Result(List<SrtBlock> blocks, boolean unterminated) {
    }

    /** The cues of the stream (which the caller closes). */
    static Result blocks(InputStream raw, ProblemLog problems) throws IOException {
        SrtLines lines = new SrtLines(reader(raw), problems);
        List<SrtBlock> blocks = lines.read();
        return new Result(blocks, lines.unterminated);
    }

    private static java.io.BufferedReader reader(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 3);
        byte[] head = new byte[3];
        int n = in.readNBytes(head, 0, 3);
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            skip = 3;
        }
        if (n > skip) {
            in.unread(head, skip, n - skip);
        }
        CharsetDecoder decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new java.io.BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    private List<SrtBlock> read() throws IOException {
        List<SrtBlock> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int start = 0;
        boolean hasTiming = false;
        String line;
        while ((line = next()) != null) {
            if (line.isBlank()) {
                if (!current.isEmpty() && !add(out, start, current)) {
                    return out;
                }
                current.clear();
                hasTiming = false;
                continue;
            }
            boolean timing = TIMING.matcher(line).matches();
            if (timing && hasTiming) {
                // A second timing line: the blank line before it was lost. Its index line, if any, goes with it.
                String carried = null;
                if (current.size() > 1 && INDEX.matcher(current.get(current.size() - 1)).matches()) {
                    carried = current.remove(current.size() - 1);
                }
                if (!add(out, start, current)) {
                    return out;
                }
                current.clear();
                start = lineNo - (carried == null ? 0 : 1);
                if (carried != null) {
                    current.add(carried);
                }
            }
            if (current.isEmpty()) {
                start = lineNo;
            }
            hasTiming |= timing;
            current.add(line);
        }
        if (!current.isEmpty()) {
            add(out, start, current);
        }
        return out;
    }

    private boolean add(List<SrtBlock> out, int start, List<String> lines) {
        if (out.size() >= MAX_RECORDS) {
            if (!truncatedAtLimit) {
                problems.add(start, "more than " + MAX_RECORDS + " records: the rest of the file is not read");
                truncatedAtLimit = true;
            }
            return false;
        }
        out.add(new SrtBlock(start, lines));
        return true;
    }

    /** The next line without its end, at most MAX_LINE_CHARS long; null at the end of the file. */
    private String next() throws IOException {
        StringBuilder sb = new StringBuilder(128);
        boolean cut = false;
        boolean any = false;
        boolean terminated = false;
        while (!terminated) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    break;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int room = MAX_LINE_CHARS - sb.length();
            int n = pos - start;
            sb.append(buf, start, Math.min(n, room));
            cut |= n > room;
            if (pos < len) {
                skipLf = buf[pos] == '\r';
                pos++;
                terminated = true;
            }
        }
        if (!any) {
            return null;
        }
        unterminated = !terminated;
        lineNo++;
        if (cut) {
            problems.add(lineNo, "line longer than " + MAX_LINE_CHARS + " characters: the rest of it is not read");
        }
        return sb.toString();
    }
}
