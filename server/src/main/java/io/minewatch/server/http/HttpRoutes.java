package io.minewatch.server.http;

/** What the HTTP endpoint serves; the application supplies it. */
public interface HttpRoutes {

    /** Health as a small JSON object; {@code ok} false turns the answer into a 503. */
    Health health();

    /** The Prometheus text exposition of every metric. */
    String metrics();

    /** A health answer. */
    record Health(boolean ok, String json) {
    }
}
