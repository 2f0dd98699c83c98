package io.minewatch.server.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the PDF report's CJK font is: a TrueType-outline font (TTF or TTC; PDFBox cannot embed the
 * CFF-outline Noto CJK). {@code MINEWATCH_REPORT_FONT} names one; else the first of {@link #DEFAULTS} that
 * exists (Debian packages {@code fonts-wqy-zenhei}, {@code fonts-wqy-microhei}, {@code fonts-arphic-uming}).
 * Droid Sans Fallback is not in the list: it has no Latin digits. The font must show digits and Chinese.
 */
public final class CjkFont {

    /** The search list, in order. */
    public static final List<Path> DEFAULTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private final List<Path> candidates;

    /** @param configured a font file named by the operator (null: the defaults only) */
    public CjkFont(Path configured) {
        List<Path> c = new ArrayList<>();
        if (configured != null) {
            c.add(configured);
        } else {
            c.addAll(DEFAULTS);
        }
        this.candidates = List.copyOf(c);
    }

    /** From {@code MINEWATCH_REPORT_FONT} when set. */
    public static CjkFont fromEnvironment() {
        String v = System.getenv("MINEWATCH_REPORT_FONT");
        return new CjkFont(v == null || v.isBlank() ? null : Path.of(v.strip()));
    }

    /**
     * The font file to use.
     *
     * @throws IllegalStateException naming the paths looked at and how to set one
     */
    public Path path() {
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no CJK TrueType font for the PDF report: looked at " + candidates
                + "; install fonts-wqy-zenhei or set MINEWATCH_REPORT_FONT to a .ttf/.ttc with TrueType outlines");
    }

    /** Whether a font is there (for a warning at start). */
    public boolean available() {
        return candidates.stream().anyMatch(p -> Files.isRegularFile(p) && Files.isReadable(p));
    }
}
