package io.minewatch.tools.broker;

import io.minewatch.alerts.broker.MosquittoAuthFiles;
import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code mosquitto-auth CONFIG.yaml OUT_DIR}: writes {@link MosquittoAuthFiles}' password file
 * ({@code OUT_DIR/passwd}, created owner-only before a secret goes in, not yet hashed), ACL file
 * ({@code OUT_DIR/acl}) and {@code mosquitto.conf} lines ({@code OUT_DIR/mosquitto.conf}) for an
 * external Mosquitto. {@code scripts/mosquitto-auth} then hashes the password file in place.
 */
public final class MosquittoAuth {
    private MosquittoAuth() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.err));
    }

    /** Writes the files; 0 when written, 2 on a usage or configuration error (the message on {@code report}). */
    static int run(String[] args, PrintStream report) throws IOException {
        if (args.length != 2) {
            report.println("usage: mosquitto-auth CONFIG.yaml OUT_DIR");
            return 2;
        }
        MinewatchConfig config;
        try {
            config = ConfigLoader.load(Path.of(args[0]));
        } catch (ConfigException e) {
            report.println(e.getMessage());
            return 2;
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        Path passwd = out.resolve("passwd");
        List<String> passwords = MosquittoAuthFiles.passwords(config);
        // Created owner-only and empty, then filled: no moment where the secrets are readable by others.
        Files.deleteIfExists(passwd);
        Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(passwd, passwords, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("acl"), MosquittoAuthFiles.acl(config), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("mosquitto.conf"), MosquittoAuthFiles.conf(config, out), StandardCharsets.UTF_8);
        report.println("wrote " + passwd + " (" + passwords.size() + " users, not yet hashed), "
                + out.resolve("acl") + " and " + out.resolve("mosquitto.conf"));
        if (MosquittoAuthFiles.anonymousRead(config)) {
            report.println("note: with mqtt.anonymous: read, Mosquitto cannot bind client ids to logins;"
                    + " use anonymous: off in production");
        }
        return 0;
    }
}
