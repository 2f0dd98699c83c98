package io.minewatch.server.tools;

import io.minewatch.alerts.evidence.EvidenceVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code verify-evidence STORAGE_DIR}: checks the audit chain and every clip it vouches for. Prints
 * one line per problem, naming the entry or file, and exits 1; prints "evidence verified" and exits
 * 0 when all is well; exits 2 when the log cannot be read.
 */
public final class VerifyEvidence {
    private VerifyEvidence() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: verify-evidence STORAGE_DIR");
            return 2;
        }
        Path storage = Path.of(args[0]);
        Path log = storage.resolve("evidence/audit.jsonl");
        if (!Files.isRegularFile(log)) {
            err.println("verify-evidence: no audit log at " + log);
            return 2;
        }
        try {
            List<String> problems = EvidenceVerifier.verify(log, storage);
            problems.forEach(out::println);
            if (problems.isEmpty()) {
                out.println("evidence verified: " + log);
                return 0;
            }
            return 1;
        } catch (IOException e) {
            err.println("verify-evidence: " + e.getMessage());
            return 2;
        }
    }
}
