package io.minewatch.server.auth;

import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@value #MAX_PER_USER} failed sign-ins for one name, or
 * {@value #MAX_PER_ADDRESS} from one address, within {@link #WINDOW_MILLIS}, further attempts for that
 * name or from that address are refused (429 with Retry-After) until the window of the oldest failure
 * counted has passed. A success clears the name's record. Both maps are bounded ({@value #MAX_KEYS}
 * keys each, least recently failed dropped first, counted).
 */
final class LoginThrottle {
    static final int MAX_PER_USER = 5;
    static final int MAX_PER_ADDRESS = 20;
    static final long WINDOW_MILLIS = 15 * 60_000L;
    static final int MAX_KEYS = 10_000;

    /** Failures of one key within the window: the count and when the window started. */
    private static final class Record {
        int failures;
        long since;
    }

    private final Clock clock;
    private final Counter evicted;
    private final Map<String, Record> users = lru();
    private final Map<String, Record> addresses = lru();

    LoginThrottle(Clock clock, Counter evicted) {
        this.clock = clock;
        this.evicted = evicted;
    }

    private Map<String, Record> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                if (size() > MAX_KEYS) {
                    evicted.increment();
                    return true;
                }
                return false;
            }
        };
    }

    /** Seconds until an attempt for this name from this address is allowed; 0: allowed now. */
    synchronized long retryAfterSeconds(String user, String address) {
        long now = clock.millis();
        long wait = Math.max(wait(users, user, MAX_PER_USER, now), wait(addresses, address, MAX_PER_ADDRESS, now));
        return wait == 0 ? 0 : Math.max(1, (wait + 999) / 1000);
    }

    private static long wait(Map<String, Record> map, String key, int max, long now) {
        Record r = map.get(key);
        if (r == null) {
            return 0;
        }
        if (now - r.since >= WINDOW_MILLIS) {
            map.remove(key);
            return 0;
        }
        return r.failures >= max ? r.since + WINDOW_MILLIS - now : 0;
    }

    synchronized void failed(String user, String address) {
        long now = clock.millis();
        bump(users, user, now);
        bump(addresses, address, now);
    }

    synchronized void succeeded(String user) {
        users.remove(user);
    }

    private static void bump(Map<String, Record> map, String key, long now) {
        Record r = map.get(key);
        if (r == null || now - r.since >= WINDOW_MILLIS) {
            r = new Record();
            r.since = now;
            map.put(key, r);
        }
        r.failures++;
    }
}
