package io.minewatch.alerts.cases;

import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.store.DatabaseException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step in one transaction with its rows, its {@code case_step} rows and its outbox messages, then
 * hands the messages to the outbox's relay and appends the audit entries. A refused step
 * ({@link CaseException}) writes nothing.
 */
final class CaseCommits {
    private static final Logger log = LoggerFactory.getLogger(CaseCommits.class);

    /** The body of a step. */
    @FunctionalInterface
    interface Work<T> {
        T run(CaseTx tx) throws SQLException;
    }

    private final Outbox outbox;
    private final PayloadEncoder encoder;
    private final CaseRows cases;
    private final CaseAudit audit;
    private final Clock clock;

    CaseCommits(Outbox outbox, PayloadEncoder encoder, CaseRows cases, CaseAudit audit, Clock clock) {
        this.outbox = outbox;
        this.encoder = encoder;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    <T> T run(Work<T> work) {
        long now = clock.millis();
        List<OutboundMessage> messages = new ArrayList<>();
        List<CaseTx.Audit> audits = new ArrayList<>();
        long[][] seqs = new long[1][];
        T result;
        try {
            result = outbox.database().tx(c -> {
                CaseTx tx = new CaseTx(c, now, encoder, cases);
                T r = work.run(tx);
                messages.addAll(tx.messages);
                audits.addAll(tx.audits);
                seqs[0] = outbox.store().append(c, tx.messages, now);
                return r;
            });
        } catch (DatabaseException e) {
            outbox.store().resync();
            if (e.getCause() instanceof CaseException refused) {
                throw refused;
            }
            throw e;
        }
        if (seqs[0].length > 0) {
            outbox.registered(messages, seqs[0]);
        }
        for (CaseTx.Audit a : audits) {
            try {
                audit.append(a.actor(), a.action(), a.caseId(), a.detail());
            } catch (RuntimeException e) {
                log.error("case {}: audit entry {} not written: {}", a.caseId(), a.action(), e.toString());
            }
        }
        return result;
    }

    /** A read in its own transaction (no step, no message). */
    <T> T read(Work<T> work) {
        try {
            return outbox.database().tx(c -> work.run(new CaseTx(c, clock.millis(), encoder, cases)));
        } catch (DatabaseException e) {
            if (e.getCause() instanceof CaseException refused) {
                throw refused;
            }
            throw e;
        }
    }
}
