package io.minewatch.tools.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.ConfigLoader;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.PasswordHasher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash the tool prints is taken by the configuration and signs its user in with that password. */
class HashPasswordTest {
    @TempDir
    Path dir;

    @Test
    void theHashPrintedSignsInWithThatPassword() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HashPassword.run(new String[0], new ByteArrayInputStream("Ünïcode pw 1\nignored\n"
                .getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(PasswordHasher.wellFormed(hash), hash);
        assertFalse(hash.contains("Ünïcode"));
        var config = ConfigLoader.parse("users: [{id: ops, role: command, password_hash: \"" + hash + "\"}]\n", dir,
                "site.yaml", Map.of());
        Accounts accounts = Accounts.of(config);
        assertEquals("command", accounts.check("ops", "Ünïcode pw 1").orElseThrow().role());
        assertTrue(accounts.check("ops", "ignored").isEmpty());
    }

    @Test
    void noPasswordOrAnArgumentIsAUsageError() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, HashPassword.run(new String[0], new ByteArrayInputStream(new byte[0]), o, e));
        assertEquals(2, HashPassword.run(new String[] {"secret-on-cmdline"}, new ByteArrayInputStream(new byte[0]), o, e));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("secret-on-cmdline"));
    }
}
