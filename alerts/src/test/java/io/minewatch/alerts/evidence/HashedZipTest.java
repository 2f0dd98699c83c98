package io.minewatch.alerts.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hashed zip: entries in order, files stored byte for byte, SHA256SUMS right for each, bad names refused. */
class HashedZipTest {
    @TempDir
    Path dir;

    @Test
    void everyEntryIsListedWithItsHash() throws Exception {
        Path file = dir.resolve("a..b.jpg");
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HashedZip z = new HashedZip(out)) {
            z.text("a.json", "{\"x\":1}");
            z.file("pictures/a..b.jpg", file);
            z.finish("how to");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(List.of("a.json", "pictures/a..b.jpg", "SHA256SUMS", "HOW-TO-VERIFY.txt"),
                List.copyOf(entries.keySet()));
        assertArrayEquals(bytes, entries.get("pictures/a..b.jpg"));
        assertEquals(Sha256.of("{\"x\":1}") + "  a.json\n" + Sha256.of(file) + "  pictures/a..b.jpg\n",
                new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8));
    }

    @Test
    void badRepeatedOrLateNamesAreRefused() throws Exception {
        try (HashedZip z = new HashedZip(new ByteArrayOutputStream())) {
            for (String bad : List.of("../x", "a/../../x", "/abs", "a//b", "a\\b", "", "SHA256SUMS", "./x")) {
                assertThrows(IllegalArgumentException.class, () -> z.text(bad, "x"), bad);
            }
            z.text("once", "x");
            assertThrows(IllegalArgumentException.class, () -> z.text("once", "y"));
            z.finish(null);
            assertThrows(IllegalStateException.class, () -> z.text("late", "x"));
        }
    }
}
