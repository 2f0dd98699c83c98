package io.minewatch.alerts.outbox;

import io.minewatch.alerts.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code outbox} table: append in order, read what is pending, mark delivered. */
public final class OutboxStore {

    private final Database db;
    private long lastSeq;

    /** Reads the highest sequence number so far; new rows follow it. */
    public OutboxStore(Database db) {
        this.db = db;
        this.lastSeq = db.tx(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM outbox")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** The database the rows live in (shared with the alert cases, so that both commit together). */
    public Database database() {
        return db;
    }

    /**
     * Appends the messages inside the caller's transaction; returns their sequence numbers. Call from
     * {@link Database#tx} so that the rows commit together with whatever else the caller writes.
     */
    public long[] append(Connection c, List<OutboundMessage> messages, long nowMs) throws SQLException {
        long[] seqs = new long[messages.size()];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (seq, msg_id, kind, topic, payload,"
                + " retained, alert_id, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
            synchronized (this) {
                long seq = lastSeq;
                for (int i = 0; i < messages.size(); i++) {
                    OutboundMessage m = messages.get(i);
                    seqs[i] = ++seq;
                    ps.setLong(1, seqs[i]);
                    ps.setString(2, m.msgId());
                    ps.setString(3, m.kind());
                    ps.setString(4, m.topic());
                    ps.setBytes(5, m.payload());
                    ps.setInt(6, m.retained() ? 1 : 0);
                    ps.setString(7, m.alertId());
                    ps.setLong(8, nowMs);
                    ps.addBatch();
                }
                ps.executeBatch();
                lastSeq = seq;
            }
        }
        return seqs;
    }

    /**
     * Rolls the in-memory sequence back after a failed transaction (the database holds no row past
     * {@code seq}): called by the owner of the transaction when it rolled back.
     */
    public synchronized void resync() {
        lastSeq = db.tx(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM outbox")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Up to {@code limit} undelivered messages after {@code afterSeq}, oldest first. */
    List<PendingMessage> pending(long afterSeq, int limit) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, topic, payload, retained, alert_id FROM outbox"
                    + " WHERE delivered_at IS NULL AND seq > ? ORDER BY seq LIMIT " + limit)) {
                ps.setLong(1, afterSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    List<PendingMessage> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new PendingMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                                rs.getInt(5) != 0, rs.getString(6)));
                    }
                    return out;
                }
            }
        });
    }

    /** Marks these rows delivered. */
    void markDelivered(Collection<Long> seqs, long nowMs) {
        if (seqs.isEmpty()) {
            return;
        }
        db.tx(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE outbox SET delivered_at = ? WHERE seq = ? AND delivered_at IS NULL")) {
                for (long seq : seqs) {
                    up.setLong(1, nowMs);
                    up.setLong(2, seq);
                    up.addBatch();
                }
                up.executeBatch();
            }
            return null;
        });
    }

    /** Deletes rows delivered before {@code beforeMs}; returns how many. */
    int purgeDelivered(long beforeMs) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?")) {
                ps.setLong(1, beforeMs);
                return ps.executeUpdate();
            }
        });
    }

    /** Number of rows not yet delivered. */
    public long pendingCount() {
        return db.tx(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * The newest {@code limit} rows of these kinds still in the table (delivered or not), oldest first:
     * what a reader that keeps a window of recent messages starts from.
     */
    public List<Committed> newest(Collection<String> kinds, int limit) {
        if (kinds.isEmpty() || limit <= 0) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(kinds.size(), "?"));
        List<Committed> out = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, topic, payload, alert_id, created_at"
                    + " FROM outbox WHERE kind IN (" + marks + ") ORDER BY seq DESC LIMIT " + limit)) {
                int i = 1;
                for (String k : kinds) {
                    ps.setString(i++, k);
                }
                return committed(ps);
            }
        });
        java.util.Collections.reverse(out);
        return out;
    }

    /** Rows with {@code afterSeq < seq <= toSeq} still in the table, oldest first (any kind). */
    public List<Committed> between(long afterSeq, long toSeq) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, topic, payload, alert_id, created_at"
                    + " FROM outbox WHERE seq > ? AND seq <= ? ORDER BY seq")) {
                ps.setLong(1, afterSeq);
                ps.setLong(2, toSeq);
                return committed(ps);
            }
        });
    }

    /** The lowest and highest sequence numbers in the table; {@code {0, 0}} when it is empty. */
    public long[] seqRange() {
        return db.tx(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT MIN(seq), MAX(seq) FROM outbox")) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        });
    }

    private static List<Committed> committed(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Committed> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Committed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getString(5), rs.getLong(6)));
            }
            return out;
        }
    }
}
