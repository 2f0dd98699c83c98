package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users[]} and the console's {@code http} keys: parsed, bounded, checked with clear errors, never shown. */
class UsersConfigTest {
    private static final String HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY";
    @TempDir
    Path dir;

    @Test
    void usersWithPasswordFromTheEnvironmentOrAStoredHash() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("""
                officials:
                  - {id: li, secret: s3cret-li}
                users:
                  - id: admin
                    name: 管理员
                    role: admin
                    password: ${MINEWATCH_PASSWORD_ADMIN:-demo-admin}
                  - {id: ana, role: analyst, password_hash: "%s"}
                """.formatted(HASH), Map.of("MINEWATCH_PASSWORD_ADMIN", "from-env-pw"));
        assertEquals(2, c.users().size());
        UserConfig admin = c.users().get(0);
        assertEquals("管理员", admin.name());
        assertEquals("admin", admin.role());
        assertEquals("from-env-pw", admin.password());
        assertNull(admin.passwordHash());
        assertEquals(HASH, c.users().get(1).passwordHash());
        assertEquals("ana", c.users().get(1).name());
        String shown = c.users().toString() + c;
        assertFalse(shown.contains("from-env-pw") || shown.contains(HASH) || shown.contains("s3cret-li"), shown);
    }

    @Test
    void badUsersAreNamedErrors() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String dup = f.error("officials: [{id: li}]\nusers: [{id: li, role: admin, password: x1234567}]\n");
        assertTrue(dup.contains("users[0].id: duplicate user id \"li\""), dup);
        String role = f.error("users: [{id: a, role: official, password: x1234567}]\n");
        assertTrue(role.contains("users[0].role: unknown role \"official\""), role);
        String none = f.error("users: [{id: a, role: admin}]\n");
        assertTrue(none.contains("users[0].password: required"), none);
        String both = f.error("users: [{id: a, role: admin, password: pw-one-1, password_hash: \"" + HASH + "\"}]\n");
        assertTrue(both.contains("users[0].password_hash: give password or password_hash, not both"), both);
        assertFalse(both.contains("pw-one-1"), both);
        String bad = f.error("users: [{id: a, role: admin, password_hash: \"$2y$10$abcdefabcdefabcdefabcd\"}]\n");
        assertTrue(bad.contains("users[0].password_hash: not an Argon2id hash"), bad);
        String cost = f.error("users: [{id: a, role: admin, password_hash: \""
                + HASH.replace("m=19456", "m=9999999") + "\"}]\n");
        assertTrue(cost.contains("Argon2id cost out of bounds"), cost);
        String unknown = f.error("users: [{id: a, role: admin, password: x1234567, pin: 1}]\n");
        assertTrue(unknown.contains("users[0].pin"), unknown);
    }

    @Test
    void httpConsoleKeysAndTheirDefaults() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        HttpConfig d = f.load("http: {}\n").http();
        assertEquals(480, d.sessionMinutes());
        assertFalse(d.metricsPublic());
        assertNull(d.tls());
        assertNull(d.mapTiles());
        HttpConfig h = f.load("""
                http:
                  session_minutes: 60
                  metrics_public: true
                  console: {map_tiles: "http://tiles.local/{z}/{x}/{y}.png", map_attribution: "© local"}
                """).http();
        assertEquals(60, h.sessionMinutes());
        assertTrue(h.metricsPublic());
        assertEquals("http://tiles.local/{z}/{x}/{y}.png", h.mapTiles());
        assertEquals("© local", h.mapAttribution());
        String low = f.error("http: {session_minutes: 1}\n");
        assertTrue(low.contains("http.session_minutes: session_minutes must be between 5 and 10080, got \"1\""), low);
    }

    @Test
    void tlsFilesAreCheckedAtLoad() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.write("cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        f.write("key.pem", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        TlsConfig tls = f.load("http: {tls: {cert: cert.pem, key: key.pem}}\n").http().tls();
        assertEquals(dir.resolve("cert.pem"), tls.cert());
        assertEquals(dir.resolve("key.pem"), tls.key());
        String missing = f.error("http: {tls: {cert: nope.pem, key: key.pem}}\n");
        assertTrue(missing.contains("http.tls.cert: no such file: " + dir.resolve("nope.pem")), missing);
        String swapped = f.error("http: {tls: {cert: key.pem, key: key.pem}}\n");
        assertTrue(swapped.contains("http.tls.cert: not a PEM certificate"), swapped);
        String noKey = f.error("http: {tls: {cert: cert.pem, key: cert.pem}}\n");
        assertTrue(noKey.contains("http.tls.key: not a PEM private key"), noKey);
        String absent = f.error("http: {tls: {cert: cert.pem}}\n");
        assertTrue(absent.contains("http.tls.key: required key is missing"), absent);
    }
}
