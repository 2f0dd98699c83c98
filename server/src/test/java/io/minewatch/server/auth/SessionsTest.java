package io.minewatch.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.UserConfig;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions expire when idle and at the cap, end at sign-out, and the store stays bounded; the throttle's windows. */
class SessionsTest {
    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> audit = new ArrayList<>();
    private final Authenticator auth = new Authenticator(
            Accounts.of(List.of(new UserConfig("admin", null, "admin", "admin-pw-1", null)), List.of()),
            clock, Duration.ofMinutes(30), false, (a, action, s) -> audit.add(a + " " + action + " " + s), registry);

    private static HttpRequest with(String cookieHeader) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/me");
        r.headers().set("Cookie", cookieHeader);
        return r;
    }

    private static String cookie(Authenticator.Ok ok) {
        return ok.setCookie().substring(0, ok.setCookie().indexOf(';'));
    }

    @Test
    void cookieAttributesAndIdleExpiry() {
        Authenticator.Ok ok = (Authenticator.Ok) auth.login("admin", "admin-pw-1", "10.0.0.1");
        assertTrue(ok.setCookie().matches("mw_session=[A-Za-z0-9_-]{43}; Path=/; (?i:HttpOnly); SameSite=Strict"),
                ok.setCookie());
        HttpRequest r = with("other=1; " + cookie(ok));
        assertEquals("admin", auth.resolve(r).orElseThrow().id());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(auth.resolve(r).isPresent(), "used within the idle time: still valid, and its idle clock restarts");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(auth.resolve(r).isPresent());
        clock.advance(Duration.ofMinutes(30));
        assertTrue(auth.resolve(r).isEmpty(), "idle for 30 minutes: expired");
        assertEquals(0, auth.sessions());
    }

    @Test
    void absoluteCapEndsABusySession() {
        Authenticator.Ok ok = (Authenticator.Ok) auth.login("admin", "admin-pw-1", "10.0.0.1");
        HttpRequest r = with(cookie(ok));
        for (int i = 0; i < 24 * 3 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertTrue(auth.resolve(r).isPresent(), "minute " + i * 20);
        }
        clock.advance(Duration.ofMinutes(20));
        assertTrue(auth.resolve(r).isEmpty(), "24 h after sign-in however busy");
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        Authenticator.Ok ok = (Authenticator.Ok) auth.login("admin", "admin-pw-1", "10.0.0.1");
        String clear = auth.logout(ok.session(), "10.0.0.1");
        assertTrue(clear.startsWith("mw_session=; Max-Age=0;"), clear);
        assertTrue(auth.resolve(with(cookie(ok))).isEmpty());
        assertEquals(List.of("admin login 10.0.0.1", "admin logout 10.0.0.1"), audit);
    }

    @Test
    void theStoreIsBoundedTheOldestGoesAndIsCounted() {
        SessionStore store = new SessionStore(clock, 60_000, registry.counter("evicted"));
        SessionStore.Created first = store.create(new Caller("a", null, "admin"));
        SessionStore.Created second = store.create(new Caller("b", null, "admin"));
        for (int i = 0; i < SessionStore.MAX_SESSIONS - 1; i++) {
            store.create(new Caller("c" + i, null, "admin"));
        }
        assertEquals(SessionStore.MAX_SESSIONS, store.size());
        assertTrue(store.find(first.token()).isEmpty(), "the oldest was dropped");
        assertTrue(store.find(second.token()).isPresent());
        assertEquals(1.0, registry.counter("evicted").count());
    }

    @Test
    void throttlePerUserAndPerAddressWithinTheWindow() {
        for (int i = 0; i < LoginThrottle.MAX_PER_USER; i++) {
            assertInstanceOf(Authenticator.Failed.class, auth.login("admin", "guess-" + i, "10.0.0." + i));
        }
        Authenticator.Login blocked = auth.login("admin", "admin-pw-1", "10.0.0.99");
        assertInstanceOf(Authenticator.Throttled.class, blocked, "the right password is refused too while blocked");
        long retry = ((Authenticator.Throttled) blocked).retryAfterSeconds();
        assertTrue(retry > 0 && retry <= 15 * 60, "retry after " + retry);
        clock.advance(Duration.ofMinutes(15));
        assertInstanceOf(Authenticator.Ok.class, auth.login("admin", "admin-pw-1", "10.0.0.99"));

        for (int i = 0; i < LoginThrottle.MAX_PER_ADDRESS; i++) {
            auth.login("name-" + i, "x", "10.9.9.9");
        }
        assertInstanceOf(Authenticator.Throttled.class, auth.login("admin", "admin-pw-1", "10.9.9.9"));
        assertInstanceOf(Authenticator.Ok.class, auth.login("admin", "admin-pw-1", "10.0.0.98"));
        assertEquals(2.0, registry.counter(AuthMetrics.LOGINS, "result", AuthMetrics.THROTTLED).count());
        assertEquals(2.0, registry.counter(AuthMetrics.LOGINS, "result", AuthMetrics.OK).count());
        assertTrue(audit.contains("unknown login_failed 10.9.9.9"), "unknown names are not written down: " + audit);
        assertTrue(audit.contains("admin login_throttled 10.0.0.99"));
    }
}
