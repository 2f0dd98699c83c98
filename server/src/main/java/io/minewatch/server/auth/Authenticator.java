package io.minewatch.server.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Sign-in, sessions and sign-out of the console and API: passwords checked by {@link Accounts},
 * attempts limited by {@link LoginThrottle}, sessions kept by {@link SessionStore} behind the cookie
 * {@value #COOKIE} ({@code HttpOnly; SameSite=Strict; Path=/}, {@code Secure} under TLS). Sign-ins,
 * failures, throttled attempts and sign-outs go to the audit trail ({@link AuthAudit}) with the user id
 * and address, never a password or token. Also the {@link SessionResolver} of the WebSocket upgrades.
 */
public final class Authenticator implements SessionResolver {
    public static final String COOKIE = "mw_session";
    /** The header every state-changing request but the sign-in carries: the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Longest user name and password taken; longer ones are refused before any hashing. */
    public static final int MAX_USER = 64;
    public static final int MAX_PASSWORD = 1024;

    /** What a sign-in came to. */
    public sealed interface Login permits Ok, Failed, Throttled {
    }

    /** Signed in: the session, and the Set-Cookie value that hands its token to the client. */
    public record Ok(Session session, String setCookie) implements Login {
        @Override
        public String toString() {
            return "Ok[" + session + "]";
        }
    }

    /** Wrong name or password (the answer does not say which). */
    public record Failed() implements Login {
    }

    /** Too many failures for the name or from the address: try again after this many seconds. */
    public record Throttled(long retryAfterSeconds) implements Login {
    }

    /** Swapped whole when the registry adds, changes or removes an official. */
    private volatile Accounts accounts;
    private final SessionStore store;
    private final LoginThrottle throttle;
    private final AuthAudit audit;
    private final boolean secure;
    private final Counter ok;
    private final Counter failed;
    private final Counter throttled;

    /**
     * @param idle   a session unused this long ends ({@code http.session_minutes})
     * @param secure the cookie gets {@code Secure} (the server speaks HTTPS)
     */
    public Authenticator(Accounts accounts, Clock clock, Duration idle, boolean secure, AuthAudit audit,
                         MeterRegistry registry) {
        this.accounts = accounts;
        this.store = new SessionStore(clock, idle.toMillis(),
                Counter.builder(AuthMetrics.SESSIONS_EVICTED).register(registry));
        this.throttle = new LoginThrottle(clock, Counter.builder(AuthMetrics.THROTTLE_EVICTED).register(registry));
        this.audit = audit;
        this.secure = secure;
        this.ok = AuthMetrics.logins(registry, AuthMetrics.OK);
        this.failed = AuthMetrics.logins(registry, AuthMetrics.FAILED);
        this.throttled = AuthMetrics.logins(registry, AuthMetrics.THROTTLED);
        Gauge.builder(AuthMetrics.SESSIONS_ACTIVE, store, SessionStore::size).register(registry);
    }

    /**
     * Checks a sign-in from {@code address} (the connection's, never a header's). Blocks for the
     * password hash (tens of milliseconds): call it off the event loop.
     */
    public Login login(String user, String password, String address) {
        String name = user == null ? "" : user;
        Accounts accounts = this.accounts; // one snapshot for the whole attempt
        String actor = accounts.exists(name) ? name : "unknown";
        long wait = throttle.retryAfterSeconds(name, address);
        if (wait > 0) {
            throttled.increment();
            audit.record(actor, "login_throttled", address);
            return new Throttled(wait);
        }
        Optional<Caller> caller = name.length() > MAX_USER || password == null || password.length() > MAX_PASSWORD
                ? Optional.empty() : accounts.check(name, password);
        if (caller.isEmpty()) {
            throttle.failed(name.length() > MAX_USER ? name.substring(0, MAX_USER) : name, address);
            failed.increment();
            audit.record(actor, "login_failed", address);
            return new Failed();
        }
        throttle.succeeded(name);
        SessionStore.Created created = store.create(caller.get());
        ok.increment();
        audit.record(name, "login", address);
        return new Ok(created.session(), cookie(created.token(), false));
    }

    /**
     * A registry official added or changed: it may sign in at once with its (new) secret. When its role
     * or secret changed, or it lost its secret, its sessions end. Hashes the secret: call it off the event loop.
     *
     * @param endSessions whether the official's sessions end (new secret, new role)
     */
    public synchronized void officialChanged(io.minewatch.config.OfficialConfig official, boolean endSessions,
                                             String actor) {
        accounts = accounts.withOfficial(official);
        if (endSessions || !accounts.exists(official.id())) {
            endSessions(official.id(), actor);
        }
    }

    /** A registry official removed: it can no longer sign in, and its sessions end now. */
    public synchronized void officialRemoved(String id, String actor) {
        accounts = accounts.without(id);
        endSessions(id, actor);
    }

    private void endSessions(String id, String actor) {
        int ended = store.removeUser(id);
        if (ended > 0) {
            audit.record(id, "sessions_ended", "by " + actor + " (" + ended + ")");
        }
    }

    /** Ends the session; returns the Set-Cookie value that clears the cookie. */
    public String logout(Session session, String address) {
        store.remove(session);
        audit.record(session.caller().id(), "logout", address);
        return cookie("", true);
    }

    /** The live session of the request's cookie, if any. */
    public Optional<Session> session(HttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null || header.length() > 8192) {
            return Optional.empty();
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(header)) {
            if (COOKIE.equals(c.name())) {
                return store.find(c.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Caller> resolve(HttpRequest request) {
        return session(request).map(Session::caller);
    }

    /** Whether the request carries the session's CSRF token in {@value #CSRF_HEADER} (compared in constant time). */
    public static boolean csrfOk(Session session, HttpRequest request) {
        String given = request.headers().get(CSRF_HEADER);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }

    /** The sessions held now. */
    public int sessions() {
        return store.size();
    }

    /** Whether the cookie is marked Secure (HTTPS). */
    public boolean secure() {
        return secure;
    }

    private String cookie(String value, boolean clear) {
        DefaultCookie c = new DefaultCookie(COOKIE, value);
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setPath("/");
        c.setSameSite(CookieHeaderNames.SameSite.Strict);
        if (clear) {
            c.setMaxAge(0);
        }
        return ServerCookieEncoder.STRICT.encode(c);
    }
}
