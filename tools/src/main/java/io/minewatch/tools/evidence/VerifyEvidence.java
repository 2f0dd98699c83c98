package io.minewatch.tools.evidence;

import io.minewatch.alerts.evidence.AuditAnchor;
import io.minewatch.alerts.evidence.AuditCheckpoint;
import io.minewatch.alerts.evidence.DatabaseAnchor;
import io.minewatch.alerts.evidence.EvidenceVerifier;
import io.minewatch.config.Redact;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code verify-evidence [--db JDBC_URL] [--db-user USER] [--db-schema SCHEMA] STORAGE_DIR}: checks the
 * audit chain, every clip it vouches for, and the log's head against each anchor it can find — the
 * checkpoint file (its signature too when {@code MINEWATCH_AUDIT_KEY} is set), the closed clips'
 * sidecars, and the database's {@code audit_anchor} row ({@code --db}, else the default SQLite file
 * {@code STORAGE_DIR/minewatch.db} when it exists; password from {@code MINEWATCH_DB_PASSWORD}).
 * Prints one line per problem, naming the entry, file or anchor, and exits 1; prints "evidence
 * verified" and exits 0 when all is well; exits 2 when the log, or a database named with
 * {@code --db}, cannot be read.
 */
public final class VerifyEvidence {
    private VerifyEvidence() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String db = null;
        String user = null;
        String schema = null;
        String dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean option = a.equals("--db") || a.equals("--db-user") || a.equals("--db-schema");
            if (option && i + 1 < args.length) {
                String v = args[++i];
                switch (a) {
                    case "--db" -> db = v;
                    case "--db-user" -> user = v;
                    default -> schema = v;
                }
            } else if (!option && !a.startsWith("--") && dir == null) {
                dir = a;
            } else {
                return usage(err);
            }
        }
        if (dir == null) {
            return usage(err);
        }
        Path storage = Path.of(dir);
        Path log = storage.resolve("evidence/audit.jsonl");
        if (!Files.isRegularFile(log)) {
            err.println("verify-evidence: no audit log at " + log);
            return 2;
        }
        boolean named = db != null;
        if (db == null && Files.isRegularFile(storage.resolve("minewatch.db"))) {
            db = "jdbc:sqlite:" + storage.resolve("minewatch.db");
        }
        List<AuditAnchor.Mark> anchors = new ArrayList<>();
        if (db != null) {
            try {
                databaseAnchor(db, user, schema, anchors);
            } catch (SQLException e) {
                err.println("verify-evidence: database " + Redact.url(db) + " not checked: "
                        + Redact.url(e.getMessage()));
                if (named) {
                    return 2;
                }
            }
        }
        try {
            List<String> problems = EvidenceVerifier.verify(log, storage, anchors, AuditCheckpoint.keyFromEnv());
            problems.forEach(out::println);
            if (problems.isEmpty()) {
                int sidecars = EvidenceVerifier.sidecars(storage).size();
                out.println("evidence verified: " + log + " (anchors: checkpoint, " + sidecars + " clip sidecar"
                        + (sidecars == 1 ? "" : "s") + (anchors.isEmpty() ? "" : ", database") + ")");
                return 0;
            }
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("verify-evidence: " + e.getMessage());
            return 2;
        }
    }

    private static void databaseAnchor(String url, String user, String schema, List<AuditAnchor.Mark> anchors)
            throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        String password = System.getenv("MINEWATCH_DB_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        if (schema != null && url.startsWith("jdbc:postgresql:")) {
            url = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            DatabaseAnchor.read(c).ifPresent(anchors::add);
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: verify-evidence [--db JDBC_URL] [--db-user USER] [--db-schema SCHEMA] STORAGE_DIR");
        return 2;
    }
}
