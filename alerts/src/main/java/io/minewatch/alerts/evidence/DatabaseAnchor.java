package io.minewatch.alerts.evidence;

import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.store.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's head in the alerts database (table {@code audit_anchor}, one row), updated in the
 * same step as each append. The update only moves forward ({@code seq} grows), so a log cut short and
 * refilled to fewer entries than before cannot pull it back. A database that is down is logged
 * (once per outage) and skipped: the log keeps taking entries, and the anchor catches up with the
 * next append that reaches the database.
 */
public final class DatabaseAnchor implements AuditAnchor {
    private static final Logger log = LoggerFactory.getLogger(DatabaseAnchor.class);
    static final String SOURCE = "database table audit_anchor";

    private final Database database;
    private final Clock clock;
    private boolean failing;

    public DatabaseAnchor(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void record(long seq, String hash) {
        try {
            database.tx(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE audit_anchor SET seq = ?, hash = ?, updated_at = ? WHERE id = 1 AND seq < ?")) {
                    st.setLong(1, seq);
                    st.setString(2, hash);
                    st.setLong(3, clock.millis());
                    st.setLong(4, seq);
                    return st.executeUpdate();
                }
            });
            if (failing) {
                failing = false;
                log.info("audit anchor: database reachable again (entry {})", seq);
            }
        } catch (DatabaseException e) {
            if (!failing) {
                failing = true;
                log.warn("audit anchor: cannot record entry {} in the database: {}", seq, e.getMessage());
            }
        }
    }

    /** The head the database records; empty before the first append. */
    public static Optional<Mark> read(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT seq, hash FROM audit_anchor WHERE id = 1");
                ResultSet rs = st.executeQuery()) {
            if (!rs.next() || rs.getLong(1) == 0) {
                return Optional.empty();
            }
            return Optional.of(new Mark(SOURCE, rs.getLong(1), rs.getString(2)));
        }
    }

    /** The head the database records, read through {@link Database}. */
    public static Optional<Mark> read(Database database) {
        return database.tx(DatabaseAnchor::read);
    }
}
