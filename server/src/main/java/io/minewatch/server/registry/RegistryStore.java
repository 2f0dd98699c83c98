package io.minewatch.server.registry;

import io.minewatch.alerts.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's table ({@code registry_entry}, Flyway V4): one row per site, camera or official an admin
 * added, its fields as JSON and its credentials sealed apart. Every write is one transaction.
 */
public final class RegistryStore {
    /** One stored entry. */
    public record Entry(String kind, String id, String body, String sealed, String updatedAt, String updatedBy) {
    }

    private final Database db;
    private final Clock clock;

    public RegistryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every entry of a kind, in the order added. */
    public List<Entry> all(String kind) {
        return db.tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT kind, id, body, sealed, updated_at, updated_by "
                    + "FROM registry_entry WHERE kind = ? ORDER BY position, id")) {
                st.setString(1, kind);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    /** Inserts or updates an entry (an update keeps its position). */
    public void put(String kind, String id, String body, String sealed, String actor) {
        String now = clock.instant().toString();
        db.tx(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE registry_entry SET body = ?, sealed = ?, "
                    + "updated_at = ?, updated_by = ? WHERE kind = ? AND id = ?")) {
                up.setString(1, body);
                up.setString(2, sealed);
                up.setString(3, now);
                up.setString(4, actor);
                up.setString(5, kind);
                up.setString(6, id);
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO registry_entry (kind, id, body, sealed, "
                    + "position, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                in.setString(1, kind);
                in.setString(2, id);
                in.setString(3, body);
                in.setString(4, sealed);
                in.setLong(5, clock.millis());
                in.setString(6, now);
                in.setString(7, actor);
                in.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes an entry; whether it was there. */
    public boolean delete(String kind, String id) {
        return db.tx(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM registry_entry WHERE kind = ? AND id = ?")) {
                st.setString(1, kind);
                st.setString(2, id);
                return st.executeUpdate() == 1;
            }
        });
    }
}
