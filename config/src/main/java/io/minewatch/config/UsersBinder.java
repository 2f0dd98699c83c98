package io.minewatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds {@code users[]}: the console's users besides the officials. Ids are unique together with the
 * officials' (one id, one identity); each user has exactly one of {@code password} and
 * {@code password_hash}, and a hash must be an Argon2id PHC string with sane cost parameters.
 */
final class UsersBinder {
    static final List<String> USER_KEYS = List.of("id", "name", "role", "password", "password_hash", "department");
    /**
     * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, base64 without padding.
     * The cost bounds (m ≤ 1 GiB, t ≤ 20, p ≤ 16) keep a hand-edited hash from stalling every sign-in.
     */
    static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{22,128}");

    private UsersBinder() {
    }

    /** The users; {@code ids} holds the officials' ids and receives the users'. */
    static List<UserConfig> users(List<Section> items, Set<String> ids) throws ConfigException {
        List<UserConfig> out = new ArrayList<>();
        for (Section s : items) {
            s.allowOnly(USER_KEYS);
            String id = ConfigBinder.id(s, "id", "user", ids);
            String role = s.requiredString("role");
            if (!UserConfig.ROLES.contains(role)) {
                throw s.error("role", "unknown role " + s.shown("role") + " (expected admin, command, analyst, department or reviewer)");
            }
            // Neither value is ever shown in a message.
            String password = s.string("password", null);
            String hash = s.string("password_hash", null);
            if (password != null && hash != null) {
                throw s.error("password_hash", "give password or password_hash, not both");
            }
            if (password == null && hash == null) {
                throw s.error("password", "required: password (e.g. ${MINEWATCH_PASSWORD_" + id.toUpperCase()
                        .replace('-', '_') + "}) or password_hash (from scripts/hash-password)");
            }
            if (password != null && password.isEmpty()) {
                throw s.error("password", "must not be empty");
            }
            if (hash != null) {
                var m = PHC.matcher(hash);
                if (!m.matches()) {
                    throw s.error("password_hash", "not an Argon2id hash ($argon2id$v=19$m=..,t=..,p=..$salt$hash); "
                            + "make one with scripts/hash-password");
                }
                long mem = Long.parseLong(m.group(1));
                int t = Integer.parseInt(m.group(2));
                int p = Integer.parseInt(m.group(3));
                if (mem < 8L * p || mem > 1024 * 1024 || t < 1 || t > 20 || p < 1 || p > 16) {
                    throw s.error("password_hash", "Argon2id cost out of bounds (m 8*p..1048576 KiB, t 1..20, "
                            + "p 1..16)");
                }
            }
            String department = s.string("department", null);
            if (UserConfig.DEPARTMENT.equals(role) && department == null) {
                throw s.error("department", "required for role department: the id of a departments[] entry");
            }
            if (!UserConfig.DEPARTMENT.equals(role) && department != null) {
                throw s.error("department", "only a user of role department names a department");
            }
            out.add(new UserConfig(id, s.string("name", id), role, password, hash, department));
        }
        return out;
    }
}
