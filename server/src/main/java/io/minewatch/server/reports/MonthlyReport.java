package io.minewatch.server.reports;

import io.minewatch.alerts.cases.stats.CaseStatistics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The printable monthly (or quarterly) report in Chinese, A4 (Apache PDFBox): the title
 * {@code <county> 执法月报 2026年11月} ({@code 执法季报 2026年第4季度} for a quarter), the period's bounds,
 * then the five tables of {@link StatsTables} turned on their side (one line per figure, one column per
 * group, at most {@value #GROUPS_PER_BLOCK} groups side by side; more groups continue in a further block).
 * The CJK font is embedded (subset). Rates show as percentages, no value as {@code -}.
 */
final class MonthlyReport {
    static final String CONTENT_TYPE = "application/pdf";
    static final int GROUPS_PER_BLOCK = 5;

    private static final float MARGIN = 40;
    private static final float LABEL_WIDTH = 120;
    private static final float LINE = 12;
    private static final float SIZE = 8;
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六"};

    private final PDDocument doc;
    private final PDFont font;
    private final Map<Integer, Boolean> encodable = new HashMap<>();
    private PDPageContentStream page;
    private float y;

    private MonthlyReport(PDDocument doc, PDFont font) {
        this.doc = doc;
        this.font = font;
    }

    /** The report's title. */
    static String title(CaseStatistics s, ReportNames names) {
        return names.county() + " 执法" + (s.period().quarter() ? "季报 " : "月报 ") + s.period().chinese();
    }

    /**
     * @param fontFile a TrueType-outline font (.ttf, or .ttc whose first font is used)
     * @throws UncheckedIOException when the font cannot be read or embedded
     */
    static byte[] write(CaseStatistics s, ReportNames names, Path fontFile) {
        boolean collection = fontFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc");
        try (PDDocument doc = new PDDocument();
                TrueTypeCollection ttc = collection ? new TrueTypeCollection(fontFile.toFile()) : null) {
            PDFont font;
            if (ttc != null) {
                TrueTypeFont[] first = new TrueTypeFont[1];
                ttc.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                font = PDType0Font.load(doc, first[0], true);
            } else {
                font = PDType0Font.load(doc, fontFile.toFile());
            }
            MonthlyReport r = new MonthlyReport(doc, font);
            for (char ch : "0123456789.%-?执法月报".toCharArray()) {
                if (!r.encodes(ch)) {
                    throw new UncheckedIOException(new IOException("the font " + fontFile + " cannot show '" + ch
                            + "': set MINEWATCH_REPORT_FONT to a CJK font with Latin digits (e.g. wqy-zenhei.ttc)"));
                }
            }
            r.render(s, names);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF report with font " + fontFile, e);
        }
    }

    private void render(CaseStatistics s, ReportNames names) throws IOException {
        newPage();
        text(MARGIN, y, 16, title(s, names));
        y -= 22;
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        text(MARGIN, y, 9, "统计期：" + s.period().fromZoned().format(f) + " 至 " + s.period().toZoned().format(f)
                + "（不含），时区 " + s.period().zone().getId());
        y -= 20;
        List<StatsTables.Table> tables = StatsTables.of(s, names);
        for (int i = 0; i < tables.size(); i++) {
            table(NUMERALS[i] + "、" + tables.get(i).zh(), tables.get(i));
        }
        page.close();
    }

    private void table(String heading, StatsTables.Table t) throws IOException {
        List<StatsTables.Col> cols = t.columns();
        List<StatsTables.Row> rows = t.rows();
        room(LINE * 3);
        text(MARGIN, y, 11, heading);
        y -= LINE + 4;
        if (rows.isEmpty()) {
            text(MARGIN, y, SIZE, "（无）");
            y -= LINE + 6;
            return;
        }
        float width = (PDRectangle.A4.getWidth() - 2 * MARGIN - LABEL_WIDTH) / GROUPS_PER_BLOCK;
        for (int from = 0; from < rows.size(); from += GROUPS_PER_BLOCK) {
            List<StatsTables.Row> block = rows.subList(from, Math.min(rows.size(), from + GROUPS_PER_BLOCK));
            room(LINE * (cols.size() + 2));
            text(MARGIN, y, SIZE, "项目");
            for (int g = 0; g < block.size(); g++) {
                text(MARGIN + LABEL_WIDTH + g * width, y, SIZE, fit(block.get(g).name(), width - 4));
            }
            y -= 2;
            rule();
            y -= LINE - 2;
            for (int c = 0; c < cols.size(); c++) {
                text(MARGIN, y, SIZE, cols.get(c).zh());
                for (int g = 0; g < block.size(); g++) {
                    text(MARGIN + LABEL_WIDTH + g * width, y, SIZE, value(cols.get(c).key(), block.get(g).values().get(c)));
                }
                y -= LINE;
            }
            y -= 8;
        }
    }

    /** A figure as the report prints it: rates as percentages (1 decimal), yuan with 2 decimals, none as -. */
    static String value(String key, Number n) {
        if (n == null) {
            return "-";
        }
        if (key.endsWith("_rate")) {
            return String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100);
        }
        if (n instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return n.toString();
    }

    private String fit(String s, float width) throws IOException {
        String t = safe(s);
        while (t.length() > 1 && font.getStringWidth(t) / 1000 * SIZE > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            page.close();
            newPage();
        }
    }

    private void newPage() throws IOException {
        PDPage p = new PDPage(PDRectangle.A4);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void rule() throws IOException {
        page.setLineWidth(0.5f);
        page.moveTo(MARGIN, y);
        page.lineTo(PDRectangle.A4.getWidth() - MARGIN, y);
        page.stroke();
    }

    private void text(float x, float at, float size, String s) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, at);
        page.showText(safe(s));
        page.endText();
    }

    /** The text with every character the font cannot show replaced by '?'. */
    private String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(encodable.computeIfAbsent(cp, this::encodes) ? cp : '?'));
        return b.toString();
    }

    private boolean encodes(int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
