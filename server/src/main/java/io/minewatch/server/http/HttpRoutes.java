package io.minewatch.server.http;

import java.nio.file.Path;
import java.util.Optional;

/** What the HTTP endpoint serves; the application supplies it. */
public interface HttpRoutes {

    /**
     * Health as a small JSON object; {@code ok} false turns the answer into a 503. Called on the
     * event loop, so that liveness never waits behind other requests: it must only read memory.
     */
    Health health();

    /** The Prometheus text exposition of every metric. */
    String metrics();

    /**
     * The clip of an alert, by alert id; empty when there is none. Ids come from the URL and are
     * already checked to be plain ids (letters, digits, '-' and '_'), never paths.
     */
    default Optional<Path> clip(String alertId) {
        return Optional.empty();
    }

    /**
     * Whether the alert is routed to the official (the alerts desk's route book); officials may read
     * only those alerts' clips and evidence.
     */
    default boolean routed(String alertId, String official) {
        return false;
    }

    /** A signed-in caller ({@code actor}: its id) read an alert's clip (from its first byte, or its first read in a while); audited. */
    default void clipViewed(String alertId, String actor) {
    }

    /** Writes the evidence zip of an alert and returns the file; empty for an unknown alert. */
    default Optional<Path> evidenceZip(String alertId, String actor) throws java.io.IOException {
        return Optional.empty();
    }

    /** A health answer. */
    record Health(boolean ok, String json) {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        /** The server's usual answer, {@code {"status":"ok","mqtt":"connected","cameras":3}}, by Jackson. */
        public static Health of(boolean mqttConnected, int cameras) {
            return new Health(true, JSON.createObjectNode()
                    .put("status", "ok").put("mqtt", mqttConnected ? "connected" : "disconnected")
                    .put("cameras", cameras).toString());
        }
    }
}
