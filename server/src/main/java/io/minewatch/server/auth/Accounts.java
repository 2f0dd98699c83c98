package io.minewatch.server.auth;

import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.UserConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may sign in: every {@code users[]} entry (its role) and every {@code officials[]} entry with a
 * secret (role {@code official}, or {@code command} for the command centre's entries). Plain-text
 * passwords and secrets from the configuration are hashed here, at start, and not kept; stored hashes
 * are used as they are. A name that is no account is checked against a dummy hash of the same cost, so
 * the time of an answer does not tell which names exist.
 */
public final class Accounts {
    private record Account(Caller caller, String phc) {
    }

    private final Map<String, Account> byId;
    private final String dummy;

    private Accounts(Map<String, Account> byId) {
        this(byId, dummyHash());
    }

    private Accounts(Map<String, Account> byId, String dummy) {
        this.byId = Map.copyOf(byId);
        this.dummy = dummy;
    }

    private static String dummyHash() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return PasswordHasher.hash(HexFormat.of().formatHex(random));
    }

    /**
     * These accounts with one official added or replaced (its secret hashed now, as at start), or
     * without it when it has no secret; the others as they are (nothing re-hashed).
     */
    public Accounts withOfficial(OfficialConfig o) {
        Map<String, Account> out = new LinkedHashMap<>(byId);
        out.remove(o.id());
        if (o.secret() != null && !o.secret().isEmpty()) {
            String role = o.command() ? Caller.COMMAND : Caller.OFFICIAL;
            out.put(o.id(), new Account(new Caller(o.id(), o.name(), role), PasswordHasher.hash(o.secret())));
        }
        return new Accounts(out, dummy);
    }

    /** These accounts without this one. */
    public Accounts without(String id) {
        Map<String, Account> out = new LinkedHashMap<>(byId);
        out.remove(id);
        return new Accounts(out, dummy);
    }

    /** The accounts of the configuration, plain-text passwords hashed now. */
    public static Accounts of(MinewatchConfig config) {
        return of(config.users(), config.officials());
    }

    /** The accounts of these users and officials, plain-text passwords hashed now. */
    public static Accounts of(java.util.List<UserConfig> users, java.util.List<OfficialConfig> officials) {
        Map<String, Account> out = new LinkedHashMap<>();
        for (UserConfig u : users) {
            String phc = u.passwordHash() != null ? u.passwordHash() : PasswordHasher.hash(u.password());
            out.put(u.id(), new Account(new Caller(u.id(), u.name(), u.role(), u.department()), phc));
        }
        for (OfficialConfig o : officials) {
            if (o.secret() != null && !o.secret().isEmpty()) {
                String role = o.command() ? Caller.COMMAND : Caller.OFFICIAL;
                out.put(o.id(), new Account(new Caller(o.id(), o.name(), role), PasswordHasher.hash(o.secret())));
            }
        }
        return new Accounts(out);
    }

    /** Whether an account has this id (for the audit of failures: unknown names are not written down). */
    public boolean exists(String id) {
        return id != null && byId.containsKey(id);
    }

    /** How many accounts may sign in. */
    public int size() {
        return byId.size();
    }

    /** The caller whose password this is; empty for a wrong password or an unknown name (same work either way). */
    public Optional<Caller> check(String id, String password) {
        Account a = id == null ? null : byId.get(id);
        boolean ok = PasswordHasher.verify(a == null ? dummy : a.phc(), password);
        return ok && a != null ? Optional.of(a.caller()) : Optional.empty();
    }
}
