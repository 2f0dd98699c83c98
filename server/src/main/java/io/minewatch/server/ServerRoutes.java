package io.minewatch.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.server.http.HttpRoutes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the server's HTTP endpoint serves: health (MQTT connected, how many cameras), the metrics,
 * and the evidence side's clips and exports; the desk's route book says which alerts an official may read.
 */
record ServerRoutes(MqttAlertSink sink, int cameras, PrometheusMeterRegistry registry, Evidence evidence,
                    AlertDispatcher desk) implements HttpRoutes {

    @Override
    public Health health() {
        return Health.of(sink.isConnected(), cameras);
    }

    @Override
    public String metrics() {
        return registry.scrape();
    }

    @Override
    public Optional<Path> clip(String alertId) {
        return evidence.clip(alertId);
    }

    @Override
    public boolean routed(String alertId, String official) {
        return desk.routed(alertId, official);
    }

    @Override
    public void clipViewed(String alertId, String actor) {
        evidence.viewed(alertId, actor);
    }

    @Override
    public Optional<Path> evidenceZip(String alertId, String actor) throws IOException {
        return evidence.export(alertId, actor);
    }
}
