package io.minewatch.alerts.cases;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case desk's own thread ({@code case-escalation}): every tick it reads the whistles whose deadline has
 * passed from the database (so a restart loses none) and escalates each in its own transaction; it also
 * refreshes the overdue gauge. Never runs on a Netty loop.
 */
final class WhistleEscalator implements AutoCloseable {
    /** Whistles escalated per tick at most; the rest wait for the next tick. */
    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(WhistleEscalator.class);

    private final CaseCommits commits;
    private final CaseContext ctx;
    private final Whistles whistles;
    private final ScheduledExecutorService thread;

    WhistleEscalator(CaseCommits commits, CaseContext ctx, Whistles whistles, long tickMs) {
        this.commits = commits;
        this.ctx = ctx;
        this.whistles = whistles;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "case-escalation");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("case escalation thread died", e));
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, tickMs, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            List<String> due = commits.read(tx -> ctx.whistles().due(tx.c, tx.now, BATCH).stream()
                    .map(WhistleRow::id).toList());
            for (String id : due) {
                commits.run(tx -> whistles.escalate(tx, id));
            }
            ctx.metrics().overdue(commits.read(tx -> ctx.whistles().overdue(tx.c)));
        } catch (RuntimeException e) {
            log.warn("case escalation tick failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
