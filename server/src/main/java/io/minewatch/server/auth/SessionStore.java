package io.minewatch.server.auth;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions in memory: 256-bit tokens from {@link SecureRandom} (URL-safe base64), kept by their
 * SHA-256 so the store holds no usable token. A session ends when unused for the idle time
 * ({@code http.session_minutes}), at the absolute cap ({@value #ABSOLUTE_HOURS} h after sign-in,
 * however busy), or at sign-out. At most {@value #MAX_SESSIONS} are held; past that the oldest is
 * dropped and counted. Sessions do not survive a restart (everyone signs in again).
 */
final class SessionStore {
    static final int MAX_SESSIONS = 10_000;
    static final long ABSOLUTE_HOURS = 24;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL64 = Base64.getUrlEncoder().withoutPadding();

    /** A new session and the token to hand its client (once, in the cookie). */
    record Created(Session session, String token) {
    }

    private final Clock clock;
    private final long idleMillis;
    private final long absoluteMillis;
    private final Counter evicted;
    /** Insertion order = creation order, so the eldest entry is the oldest session. */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
    private long lastSweep;

    SessionStore(Clock clock, long idleMillis, Counter evicted) {
        this.clock = clock;
        this.idleMillis = idleMillis;
        this.absoluteMillis = Math.max(idleMillis, ABSOLUTE_HOURS * 3_600_000L);
        this.evicted = evicted;
    }

    synchronized Created create(Caller caller) {
        if (clock.millis() - lastSweep >= 60_000) {
            sweep();
        }
        String token = random();
        Session s = new Session(digest(token), caller, random(), clock.millis());
        sessions.put(s.key(), s);
        while (sessions.size() > MAX_SESSIONS) {
            Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator();
            it.next();
            it.remove();
            evicted.increment();
        }
        return new Created(s, token);
    }

    /** The live session of this token, its idle clock restarted; empty when unknown, expired or ended. */
    synchronized Optional<Session> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String key = digest(token);
        Session s = sessions.get(key);
        long now = clock.millis();
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(key);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    /** Ends every session of this user; returns how many. */
    synchronized int removeUser(String id) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.caller().id().equals(id));
        return before - sessions.size();
    }

    synchronized void remove(Session s) {
        sessions.remove(s.key());
    }

    /** Drops every expired session (at a sign-in, at most once a minute). */
    synchronized void sweep() {
        long now = clock.millis();
        lastSweep = now;
        sessions.values().removeIf(s -> expired(s, now));
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean expired(Session s, long now) {
        return now - s.lastUsed() >= idleMillis || now - s.created() >= absoluteMillis;
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return URL64.encodeToString(b);
    }

    private static String digest(String token) {
        try {
            return URL64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
