package io.minewatch.server.live;

import io.micrometer.core.instrument.Counter;
import io.minewatch.alerts.outbox.Committed;
import io.minewatch.alerts.outbox.OutboxStore;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Puts the outbox's committed messages in sequence order for the hub: commit listeners of two
 * threads may report out of order, and the hub's inbox may have dropped some. The next seq goes on
 * at once; a later one waits for the gap; a gap left by the inbox, or still open after
 * {@value #GAP_WAIT_MS} ms, is read back from the table (a seq not there is skipped: its transaction
 * rolled back; if it shows up after all it is counted late and not sent). Used by the hub's thread only.
 */
final class SeqOrder {
    private static final long GAP_WAIT_MS = 1_000;
    private static final long GAP_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(GAP_WAIT_MS);
    private static final int HOLD_MAX = 4096;

    private final OutboxStore store;
    private final Counter late;
    private final Consumer<Committed> take;
    private final TreeMap<Long, Committed> held = new TreeMap<>();
    /** Seqs given up on (not in the table when asked): one arriving later is counted late. */
    private final LinkedHashSet<Long> skipped = new LinkedHashSet<>();
    private long last;
    private long heldSince;

    /**
     * @param last the last seq already handled (read from the table at start)
     * @param take receives each message in order
     */
    SeqOrder(OutboxStore store, long last, Counter late, Consumer<Committed> take) {
        this.store = store;
        this.last = last;
        this.late = late;
        this.take = take;
    }

    /** The last seq put in order (any kind). */
    long last() {
        return last;
    }

    private void take(Committed c) {
        last = c.seq();
        take.accept(c);
    }

    /** A committed message: the next seq goes out, a later one waits for the gap. */
    void accept(Committed c) {
        if (c.seq() <= last) {
            // Read from the table already (at start, or to fill a gap), or skipped as missing: then late.
            if (skipped.remove(c.seq())) {
                late.increment();
            }
            return;
        }
        if (c.seq() == last + 1) {
            take(c);
            while (!held.isEmpty() && held.firstKey() == last + 1) {
                take(held.pollFirstEntry().getValue());
            }
            if (held.isEmpty()) {
                heldSince = 0;
            }
        } else {
            if (held.isEmpty()) {
                heldSince = System.nanoTime();
            }
            held.put(c.seq(), c);
        }
    }

    /**
     * Fills gaps from the table: seqs up to {@code dropped} that the inbox dropped, or a seq still
     * missing after a while (then skipped). Returns whether it did anything.
     */
    boolean recover(long dropped) {
        long upTo = -1;
        if (dropped > last) {
            upTo = dropped;
        }
        if (!held.isEmpty() && (held.size() > HOLD_MAX || System.nanoTime() - heldSince > GAP_WAIT_NS)) {
            upTo = Math.max(upTo, held.firstKey() - 1);
        }
        if (upTo <= last) {
            return false;
        }
        for (Committed row : store.between(last, upTo)) {
            if (row.seq() > last) {
                for (long missing = last + 1; missing < row.seq(); missing++) {
                    skip(missing);
                }
                take(row);
            }
        }
        for (long missing = last + 1; missing <= upTo; missing++) {
            skip(missing);
        }
        last = Math.max(last, upTo);
        while (!held.isEmpty() && held.firstKey() <= last + 1) {
            Committed c = held.pollFirstEntry().getValue();
            if (c.seq() == last + 1) {
                take(c);
            }
        }
        heldSince = held.isEmpty() ? 0 : System.nanoTime();
        return true;
    }

    private void skip(long seq) {
        if (skipped.size() >= HOLD_MAX) {
            skipped.remove(skipped.iterator().next());
        }
        skipped.add(seq);
    }

}
