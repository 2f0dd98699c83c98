package io.minewatch.alerts.dispatch;

import io.minewatch.alerts.broker.BrokerSecurity;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.store.Database;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which officials each alert is routed to, as the broker's authorizer asks before letting an ack
 * through: from memory (the desk adds each route as it stores it); an alert of an earlier run is
 * looked up once in the database. Needs only the database, so it is built before the broker and
 * handed to both the broker and the desk. Thread-safe.
 */
public final class RouteBook implements BrokerSecurity.RouteCheck {
    private static final Logger log = LoggerFactory.getLogger(RouteBook.class);

    private final Database database;
    private final CaseStore cases;
    private final Map<String, Set<String>> routes = new ConcurrentHashMap<>();

    public RouteBook(Database database) {
        this.database = database;
        this.cases = new CaseStore(database);
    }

    /** The alert is now also routed to the official. */
    void add(String alertId, String official) {
        routes.computeIfAbsent(alertId, a -> ConcurrentHashMap.newKeySet()).add(official);
    }

    @Override
    public boolean routed(String alertId, String official) {
        Set<String> to = routes.get(alertId);
        if (to == null) {
            try {
                List<String> stored = database.tx(c -> cases.routes(c, alertId));
                if (stored.isEmpty()) {
                    return false;
                }
                to = ConcurrentHashMap.newKeySet();
                to.addAll(stored);
                routes.putIfAbsent(alertId, to);
            } catch (RuntimeException e) {
                log.warn("route check of alert {}: {}", alertId, e.toString());
                return false;
            }
        }
        return to.contains(official);
    }

    /**
     * Every official the alert is routed to now (from memory; an alert of an earlier run is looked up
     * in the database, and kept once it has routes). Empty when it is routed to nobody or unknown.
     */
    public Set<String> officials(String alertId) {
        Set<String> to = routes.get(alertId);
        if (to != null) {
            return Set.copyOf(to);
        }
        try {
            List<String> stored = database.tx(c -> cases.routes(c, alertId));
            if (stored.isEmpty()) {
                return Set.of();
            }
            Set<String> loaded = ConcurrentHashMap.newKeySet();
            loaded.addAll(stored);
            Set<String> kept = routes.putIfAbsent(alertId, loaded);
            return Set.copyOf(kept == null ? loaded : kept);
        } catch (RuntimeException e) {
            log.warn("routes of alert {}: {}", alertId, e.toString());
            return Set.of();
        }
    }
}
