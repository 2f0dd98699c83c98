package io.minewatch.tools.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mosquitto-auth command line: the files it writes, and the password file kept from other users. */
class MosquittoAuthTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path yaml = dir.resolve("site.yaml");
        Files.writeString(yaml, """
                sites:
                  - id: river-north
                    lat: 30.59
                    lon: 114.30
                    officials: [li-wei]
                officials:
                  - id: li-wei
                    secret: s3cret-li-wei
                mqtt:
                  topic_prefix: mw-tools
                  anonymous: "off"
                storage:
                  dir: data
                """);
        return yaml;
    }

    @Test
    void writesThePasswordFileOwnerOnlyTheAclAndTheConfLines() throws Exception {
        Path out = dir.resolve("mq");
        Files.createDirectories(out);
        // An older world-readable password file in the way: it must not keep its mode with secrets in it.
        Path passwd = out.resolve("passwd");
        Files.writeString(passwd, "old:junk\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        assertEquals(0, MosquittoAuth.run(new String[] {config().toString(), out.toString()},
                new PrintStream(report, true, StandardCharsets.UTF_8)));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd)));
        String lines = Files.readString(passwd);
        assertTrue(lines.contains("li-wei:s3cret-li-wei"), lines);
        assertFalse(lines.contains("old:junk"), "the old file is replaced, not appended to");
        assertTrue(Files.readString(out.resolve("acl")).contains("user li-wei\n"));
        String conf = Files.readString(out.resolve("mosquitto.conf"));
        assertTrue(conf.contains("allow_anonymous false") && conf.contains("use_username_as_clientid true"), conf);
        String said = report.toString(StandardCharsets.UTF_8);
        assertFalse(said.contains("s3cret"), "no secret in the tool's report: " + said);
    }

    @Test
    void aWrongCallWritesNothing() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertEquals(2, MosquittoAuth.run(new String[] {config().toString()},
                new PrintStream(report, true, StandardCharsets.UTF_8)));
        assertTrue(report.toString(StandardCharsets.UTF_8).startsWith("usage:"));
        Path out = dir.resolve("never");
        assertEquals(2, MosquittoAuth.run(new String[] {dir.resolve("missing.yaml").toString(), out.toString()},
                new PrintStream(report, true, StandardCharsets.UTF_8)));
        assertFalse(Files.exists(out));
    }
}
