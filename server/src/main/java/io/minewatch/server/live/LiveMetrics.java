package io.minewatch.server.live;

/** Catalogue of the live feed's metrics: every meter name, tag and reason lives here. */
public final class LiveMetrics {
    /** Gauge {@code live.clients}: WebSocket clients of the live feed connected now. */
    public static final String CLIENTS = "live.clients";

    /**
     * Counter {@code live.clients.cut{reason}}: clients the server closed, by reason: {@value #SLOW}
     * (its queue was full: it did not read fast enough; close code 1013), {@value #LAGGED} (still
     * catching up when the window moved past it; 1013), {@value #FULL} (too many clients; 1013).
     */
    public static final String CUT = "live.clients.cut";
    public static final String SLOW = "slow";
    public static final String LAGGED = "lagged";
    public static final String FULL = "full";

    /**
     * Counter {@code live.inbox.dropped}: committed messages the hub's inbox had no room for; they
     * are read back from the outbox table, so clients still get them (later).
     */
    public static final String INBOX_DROPPED = "live.inbox.dropped";

    /**
     * Counter {@code live.messages.late}: messages that reached the hub after it had given up
     * waiting for them (their sequence number was skipped); not sent.
     */
    public static final String LATE = "live.messages.late";

    /** Gauge {@code live.window.messages}: messages kept for catch-up. */
    public static final String WINDOW = "live.window.messages";

    /** Counter {@code live.messages.sent}: frames written to clients. */
    public static final String SENT = "live.messages.sent";

    private LiveMetrics() {
    }
}
