package io.minewatch.alerts.dispatch;

import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.routing.Router;
import java.util.function.Supplier;
import io.minewatch.alerts.schema.OutboundPayload;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.DepartmentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one lifecycle or escalation step: the case rows, the audit events and every outbound message,
 * in one transaction, then hands the messages to the outbox. Called on the dispatcher's thread only.
 */
final class CaseWriter {

    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(CaseWriter.class);
    private static final long MAX_SNAPSHOT_BYTES = 2L * 1024 * 1024;

    private final Outbox outbox;
    private final CaseStore cases;
    /** The router in force, read once per decision (the registry swaps it while the server runs). */
    private final Supplier<Router> router;
    private final Topics topics;
    private final PayloadEncoder encoder;
    private final AlertsConfig config;
    private final Path storageDir;
    private final java.util.function.BiConsumer<String, String> onRoute;

    CaseWriter(Outbox outbox, CaseStore cases, Supplier<Router> router, Topics topics, AlertsConfig config, Path storageDir,
            java.util.function.BiConsumer<String, String> onRoute) {
        this.onRoute = onRoute;
        this.outbox = outbox;
        this.cases = cases;
        this.router = router;
        this.topics = topics;
        this.encoder = new PayloadEncoder(topics);
        this.config = config;
        this.storageDir = storageDir;
    }

    /** The messages of one transaction. */
    private final class Batch {
        final List<OutboundMessage> messages = new ArrayList<>();
        final List<String[]> routes = new ArrayList<>();
        final Connection c;
        final long now;

        Batch(Connection c, long now) {
            this.c = c;
            this.now = now;
        }

        /** Adds a payload on its own topic; returns its JSON as published. */
        String add(OutboundPayload payload, String alertId) {
            OutboundMessage m = encoder.message(payload, alertId);
            messages.add(m);
            return new String(m.payload(), StandardCharsets.UTF_8);
        }

        void event(String alertId, String kind, String actor, String detail) throws SQLException {
            cases.event(c, alertId, kind, actor, now, detail);
            add(new Payloads.AlertEvent(alertId, kind, actor, Instant.ofEpochMilli(now), detail), alertId);
        }

        void routed(String official, String reason, Alert alert, Long deadline, int escalation) {
            add(new Payloads.RoutedAlert(official, reason, topics.ack(alert.id(), official),
                    deadline == null ? null : Instant.ofEpochMilli(deadline), escalation, alert), alert.id());
        }
    }

    private void commit(long now, SqlStep step) {
        List<OutboundMessage> messages = new ArrayList<>();
        List<String[]> routes = new ArrayList<>();
        long[] seqs;
        try {
            seqs = outbox.database().tx(c -> {
                Batch b = new Batch(c, now);
                step.run(b);
                messages.addAll(b.messages);
                routes.addAll(b.routes);
                return outbox.store().append(c, b.messages, now);
            });
        } catch (RuntimeException e) {
            outbox.store().resync();
            throw e;
        }
        routes.forEach(r -> onRoute.accept(r[0], r[1]));
        outbox.registered(messages, seqs);
    }

    @FunctionalInterface
    private interface SqlStep {
        void run(Batch b) throws SQLException;
    }

    /** A new alert: case, routes to the site's officials and team, a whistle when outside authority. */
    DepartmentConfig created(Alert alert, long now) {
        DepartmentConfig[] whistled = new DepartmentConfig[1];
        commit(now, b -> {
            long deadline = now + Math.round(config.deadlineS(alert.level()) * 1000);
            Router in = router.get();
            List<String> to = in.recipients(alert.site());
            String json = b.add(alert, alert.id());
            cases.insert(b.c, new CaseStore.Case(alert.id(), alert.camera(), alert.site(), alert.rule(), alert.level(),
                    CaseStore.OPEN, false, deadline, 0, json), now);
            cases.place(b.c, alert);
            b.event(alert.id(), "created", SYSTEM, alert.rule() + " on " + alert.camera() + ", level " + alert.level());
            for (String official : to) {
                cases.route(b.c, alert.id(), official, "routed", now);
                b.routes.add(new String[] {alert.id(), official});
                b.event(alert.id(), "routed", SYSTEM, official);
                b.routed(official, "routed", alert, deadline, 0);
            }
            DepartmentConfig d = in.whistleTo(alert.site(), alert.rule());
            if (d != null) {
                whistled[0] = d;
                String township = in.township(alert.site());
                b.add(new Payloads.Whistle(PayloadEncoder.newMessageId(), alert.id(), d.id(), alert.level(),
                        alert.rule(), alert.category(), alert.site(), alert.camera(), township, alert.time(),
                        "rule " + alert.rule() + " is outside the authority of township \"" + township + "\"",
                        alert.snapshot()), alert.id());
                b.event(alert.id(), "whistled", SYSTEM, d.id() + " at level " + alert.level());
            }
            if (config.publishSnapshots()) {
                snapshot(b, alert);
            }
        });
        return whistled[0];
    }

    /** Better evidence: the command-centre feed and everyone the alert is routed to. */
    void updated(Alert alert, long now) {
        commit(now, b -> {
            cases.updatePayload(b.c, alert.id(), b.add(alert, alert.id()), false, now);
            cases.place(b.c, alert);
            CaseStore.Case k = cases.find(b.c, alert.id());
            for (String official : cases.routes(b.c, alert.id())) {
                b.routed(official, "update", alert, k.deadlineAt(), k.escalations());
            }
            if (config.publishSnapshots()) {
                snapshot(b, alert);
            }
        });
    }

    /** The activity period is over; escalation goes on until someone acknowledges. */
    void ended(Alert alert, long now) {
        commit(now, b -> {
            cases.updatePayload(b.c, alert.id(), b.add(alert, alert.id()), true, now);
            b.event(alert.id(), "ended", SYSTEM, null);
            CaseStore.Case k = cases.find(b.c, alert.id());
            for (String official : cases.routes(b.c, alert.id())) {
                b.routed(official, "end", alert, k.deadlineAt(), k.escalations());
            }
        });
    }

    /**
     * One escalation step of a case past its deadline: re-send to everyone routed, add the next person
     * of the site's chain, tell the command centre. Returns the official added, or null.
     */
    String escalate(CaseStore.Case k, long now) {
        String[] added = new String[1];
        commit(now, b -> {
            Alert alert = AlertJson.parse(k.payload().getBytes(StandardCharsets.UTF_8));
            List<String> routed = cases.routes(b.c, k.id());
            String next = router.get().nextInChain(k.site(), routed);
            int step = k.escalations() + 1;
            Long deadline = step < config.maxEscalations()
                    ? now + Math.round(config.deadlineS(k.level()) * 1000) : null;
            cases.updateState(b.c, k.id(), CaseStore.OPEN, deadline, step, now);
            b.event(k.id(), "escalated", SYSTEM, "step " + step + (next == null ? "" : ", to " + next));
            for (String official : routed) {
                b.routed(official, "resend", alert, deadline, step);
            }
            List<String> to = new ArrayList<>(routed);
            if (next != null) {
                added[0] = next;
                cases.route(b.c, k.id(), next, "escalated", now);
                b.routes.add(new String[] {k.id(), next});
                b.event(k.id(), "routed", SYSTEM, next);
                b.routed(next, "escalated", alert, deadline, step);
                to.add(next);
            }
            b.add(new Payloads.Escalation(k.id(), k.level(), k.site(), k.camera(), k.rule(), step, to, next,
                    Instant.ofEpochMilli(now), deadline == null ? null : Instant.ofEpochMilli(deadline)), k.id());
        });
        return added[0];
    }

    /** Result of an inbound ack. */
    enum AckResult { ACCEPTED, REFUSED, UNKNOWN_ALERT }

    /** Applies an ack: only an official the alert is routed to may acknowledge it; others are refused. */
    AckResult ack(Payloads.Ack ack, long now) {
        return ack(ack, false, now);
    }

    /**
     * Applies an ack whose sender is {@code ack.official()} (an MQTT login or a signed-in caller);
     * {@code anyAlert}: the sender may acknowledge alerts not routed to them (command, admin).
     */
    AckResult ack(Payloads.Ack ack, boolean anyAlert, long now) {
        AckResult[] result = new AckResult[1];
        commit(now, b -> {
            CaseStore.Case k = cases.find(b.c, ack.alert());
            if (k == null) {
                result[0] = AckResult.UNKNOWN_ALERT;
                return;
            }
            if (!anyAlert && !cases.routes(b.c, k.id()).contains(ack.official())) {
                result[0] = AckResult.REFUSED;
                b.event(k.id(), "ack_refused", ack.official(), ack.action() + ": not routed to " + ack.official());
                return;
            }
            String state = stateAfter(ack.action());
            cases.updateState(b.c, k.id(), state, null, k.escalations(), now);
            b.event(k.id(), "acknowledged", ack.official(), ack.action() + (ack.note() == null ? "" : ": " + ack.note()));
            result[0] = AckResult.ACCEPTED;
        });
        return result[0];
    }

    /** The case state an accepted ack of this action leaves. */
    static String stateAfter(String action) {
        boolean closes = action.equals("resolved") || action.equals("false_alarm");
        return closes ? CaseStore.CLOSED : CaseStore.ACKNOWLEDGED;
    }

    /**
     * Records an ack refused before it could be applied ({@code ack_refused}, with the reason), when the
     * alert exists; the actor is the authenticated sender.
     */
    AckResult refuse(String alertId, String actor, String detail, long now) {
        AckResult[] result = new AckResult[1];
        commit(now, b -> {
            CaseStore.Case k = cases.find(b.c, alertId);
            if (k == null) {
                result[0] = AckResult.UNKNOWN_ALERT;
                return;
            }
            b.event(k.id(), "ack_refused", actor, detail);
            result[0] = AckResult.REFUSED;
        });
        return result[0];
    }

    private void snapshot(Batch b, Alert alert) {
        if (alert.snapshot() == null) {
            return;
        }
        Path file = storageDir.resolve(alert.snapshot()).normalize();
        try {
            if (!file.startsWith(storageDir) || Files.size(file) > MAX_SNAPSHOT_BYTES) {
                return;
            }
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            b.add(new Payloads.Snapshot(alert.id(), alert.site(), alert.camera(), alert.snapshot(), "image/jpeg",
                    data), alert.id());
        } catch (IOException e) {
            log.warn("alert {}: snapshot {} not published: {}", alert.id(), alert.snapshot(), e.toString());
        }
    }
}
