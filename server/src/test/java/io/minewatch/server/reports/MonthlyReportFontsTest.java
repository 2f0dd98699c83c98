package io.minewatch.server.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.cases.stats.CaseStatistics;
import io.minewatch.alerts.cases.stats.DepartmentFigures;
import io.minewatch.alerts.cases.stats.Figures;
import io.minewatch.alerts.cases.stats.Period;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF report's font: the search list finds an installed TrueType CJK font (scripts/test installs
 * fonts-wqy-zenhei), every installed font of the list renders the report (read back: the Chinese title, a
 * figure), and a named font that is not there is a clear error naming it and the variable to set.
 */
class MonthlyReportFontsTest {

    @TempDir
    Path dir;

    private static CaseStatistics statistics() {
        Figures f = new Figures(3, Map.of("alert", 2, "flight", 0, "hotline", 1, "patrol", 0), 1, 0.3333, 4, 2, 1,
                17, 5, 2, 1, 2, Map.of("quick", 0, "tough", 2, "emergency", 0), 30.0, 1.08, 1, 2, 1,
                new BigDecimal("20000.00"), 25.0, 61.5, 1, 1, 1.0);
        TreeMap<String, Figures> one = new TreeMap<>(Map.of("north", f));
        return new CaseStatistics(Period.parse("2026-11", ZoneId.of("Asia/Shanghai")), f, new TreeMap<>(Map.of("Xinhe", f)),
                one, new TreeMap<>(Map.of("north-1", f)), new TreeMap<>(Map.of("transport",
                        new DepartmentFigures(1, Map.of("quick", 0, "tough", 1, "emergency", 0), 30.0, null, 0, 1, 0))));
    }

    @Test
    void everyInstalledFontOfTheListRendersTheReport() throws Exception {
        List<Path> installed = CjkFont.DEFAULTS.stream().filter(Files::isRegularFile).toList();
        assertFalse(installed.isEmpty(), "no font of " + CjkFont.DEFAULTS + ": scripts/test installs fonts-wqy-zenhei");
        assertEquals(installed.get(0), new CjkFont(null).path());
        ReportNames names = new ReportNames("某县", Map.of("north", "北片区"), Map.of(), Map.of("transport", "交通运输局"));
        for (Path font : installed) {
            byte[] pdf = MonthlyReport.write(statistics(), names, font);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                PDFTextStripper strip = new PDFTextStripper();
                strip.setSortByPosition(true);
                String text = strip.getText(doc);
                assertTrue(text.contains("某县 执法月报 2026年11月"), font + ": " + text.substring(0, 100));
                assertTrue(text.contains("罚款(元) 20000.00"), font + " figure");
                assertTrue(text.contains("结案率 33.3%"), font + " rate");
                assertTrue(text.contains("北片区"), font + " district name");
            }
        }
    }

    @Test
    void aFontWithoutDigitsIsAClearError() {
        Path droid = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(droid), "fonts-droid-fallback not installed");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> MonthlyReport.write(statistics(), new ReportNames(null, Map.of(), Map.of(), Map.of()), droid));
        assertTrue(e.getCause().getMessage().contains("MINEWATCH_REPORT_FONT"), e.getCause().getMessage());
    }

    @Test
    void aMissingFontIsAClearError() {
        Path missing = dir.resolve("no-such-font.ttc");
        CjkFont font = new CjkFont(missing);
        assertFalse(font.available());
        IllegalStateException e = assertThrows(IllegalStateException.class, font::path);
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("MINEWATCH_REPORT_FONT")
                && e.getMessage().contains("fonts-wqy-zenhei"), e.getMessage());
    }
}
