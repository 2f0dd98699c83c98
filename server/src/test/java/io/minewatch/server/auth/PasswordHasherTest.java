package io.minewatch.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.OfficialConfig;
import io.minewatch.config.UserConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argon2id through Bouncy Castle agrees with the reference implementation, and accounts use it. */
class PasswordHasherTest {
    /**
     * Made by the reference C implementation (Debian package argon2):
     * {@code echo -n "correct horse" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e}.
     */
    private static final String REFERENCE =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AdweBLwcflnNX2HVW8i1Mtu7frrn4Ki7h/rYSGuU7Is";

    @Test
    void verifiesAHashOfTheReferenceImplementation() {
        assertTrue(PasswordHasher.verify(REFERENCE, "correct horse"));
        assertFalse(PasswordHasher.verify(REFERENCE, "correct horsE"));
        assertFalse(PasswordHasher.verify(REFERENCE, ""));
        // One bit of the stored hash changed, the salt changed, the cost changed: no match.
        assertFalse(PasswordHasher.verify(REFERENCE.replace("AdweBL", "BdweBL"), "correct horse"));
        assertFalse(PasswordHasher.verify(REFERENCE.replace("c2FsdHNh", "c2FsdHNi"), "correct horse"));
        assertFalse(PasswordHasher.verify(REFERENCE.replace("t=2", "t=3"), "correct horse"));
        assertFalse(PasswordHasher.verify("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AdweBLwcflnNX2HVW8i1Mtu7frrn4Ki7h/rYSGuU7Is",
                "correct horse"), "argon2i is not taken");
        assertFalse(PasswordHasher.verify("plain text", "plain text"));
    }

    @Test
    void newHashesAreSaltedPhcStringsThatVerify() {
        String a = PasswordHasher.hash("s3cret-pw");
        String b = PasswordHasher.hash("s3cret-pw");
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertTrue(PasswordHasher.wellFormed(a));
        assertNotEquals(a, b, "a fresh salt each time");
        assertTrue(PasswordHasher.verify(a, "s3cret-pw") && PasswordHasher.verify(b, "s3cret-pw"));
        assertFalse(a.contains("s3cret-pw"));
    }

    @Test
    void accountsTakeUsersAndOfficialsWithTheirRoles() {
        Accounts accounts = Accounts.of(
                List.of(new UserConfig("admin", "管理员", "admin", "admin-pw-1", null),
                        new UserConfig("ana", null, "analyst", null, REFERENCE)),
                List.of(new OfficialConfig("li", "Li", "X", "li-secret-1", "official"),
                        new OfficialConfig("cc", "Command", "X", "cc-secret-1", "command"),
                        new OfficialConfig("nosecret", "N", "X")));
        assertEquals(4, accounts.size(), "an official without a secret cannot sign in");
        assertEquals(new Caller("admin", "管理员", "admin"), accounts.check("admin", "admin-pw-1").orElseThrow());
        assertEquals("analyst", accounts.check("ana", "correct horse").orElseThrow().role());
        assertEquals("official", accounts.check("li", "li-secret-1").orElseThrow().role());
        assertEquals("command", accounts.check("cc", "cc-secret-1").orElseThrow().role());
        assertTrue(accounts.check("admin", "li-secret-1").isEmpty());
        assertTrue(accounts.check("nosecret", "").isEmpty());
        assertTrue(accounts.check("nobody", "admin-pw-1").isEmpty());
        assertTrue(accounts.check(null, "admin-pw-1").isEmpty());
    }

    /**
     * An unknown name must cost the same hash work as a known one, else the time of a failed sign-in
     * tells which names exist. Median of many tries each; the two must be within 40% of each other
     * (a skipped hash would be 100x faster).
     */
    @Test
    void anUnknownNameCostsAsMuchAsAKnownOne() {
        Accounts accounts = Accounts.of(List.of(new UserConfig("admin", null, "admin", "admin-pw-1", null)), List.of());
        // The work, not the wall clock: this thread's CPU time, the two kinds of check interleaved, so that
        // other processes on the machine (the suite runs in two lanes) weigh on neither side.
        long[] known = new long[11];
        long[] unknown = new long[11];
        for (int i = 0; i < known.length; i++) {
            known[i] = cpuNanos(() -> accounts.check("admin", "wrong-pw"));
            unknown[i] = cpuNanos(() -> accounts.check("nobody-here", "wrong-pw"));
        }
        long k = median(known);
        long u = median(unknown);
        double ratio = (double) Math.max(k, u) / Math.min(k, u);
        assertTrue(ratio < 1.4, "known " + k / 1000 + " us, unknown " + u / 1000 + " us (CPU)");
    }

    private static long cpuNanos(Runnable r) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long s = threads.getCurrentThreadCpuTime();
        r.run();
        return threads.getCurrentThreadCpuTime() - s;
    }

    private static long median(long[] t) {
        long[] sorted = t.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
