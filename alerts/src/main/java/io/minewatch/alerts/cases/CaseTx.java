package io.minewatch.alerts.cases;

import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.schema.OutboundPayload;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One step's transaction: its connection and time, the {@code case_step} rows and MQTT messages it adds
 * (committed together), and the audit entries written once it has committed.
 */
final class CaseTx {
    /** An audit-log entry to append after the commit. */
    record Audit(String actor, String action, String caseId, String detail) {
    }

    final Connection c;
    final long now;
    final List<OutboundMessage> messages = new ArrayList<>();
    final List<Audit> audits = new ArrayList<>();
    private final PayloadEncoder encoder;
    private final CaseRows cases;

    CaseTx(Connection c, long now, PayloadEncoder encoder, CaseRows cases) {
        this.c = c;
        this.now = now;
        this.encoder = encoder;
        this.cases = cases;
    }

    /**
     * Records a step of a case: its {@code case_step} row, its {@code cases/events} message (with the case as
     * it is now, re-read) and its audit entry.
     */
    void step(String caseId, String step, String actor, String whistleId, String matter, String detail)
            throws SQLException {
        CaseRow k = cases.require(c, caseId);
        cases.step(c, caseId, step, actor, now, detail);
        add(new Payloads.CaseEvent(caseId, step, actor, Instant.ofEpochMilli(now), k.state(), k.township(),
                k.district(), k.team(), k.level(), whistleId, matter, detail));
        audits.add(new Audit(actor, step, caseId, detail));
    }

    /** The whistle's message to its department, in {@code state} (issued, acknowledged, reported, escalated). */
    void whistle(WhistleRow w, String state, String matterName, CaseRow k) {
        add(new Payloads.CaseWhistle(w.id(), w.caseId(), w.department(), w.code(), matterName, w.level(), state,
                w.escalations(), k.township(), Instant.ofEpochMilli(now), Instant.ofEpochMilli(w.ackDeadline()),
                Instant.ofEpochMilli(w.reportDeadline()), k.title()));
    }

    private void add(OutboundPayload payload) {
        messages.add(encoder.message(payload, null));
    }
}
