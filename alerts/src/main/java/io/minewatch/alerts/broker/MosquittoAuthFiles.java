package io.minewatch.alerts.broker;

import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Mosquitto equivalent of {@link BrokerSecurity} for an external broker: a password file
 * (plain {@code user:secret} lines, to be hashed in place with {@code mosquitto_passwd -U}) and an ACL
 * file. Used by {@code scripts/mosquitto-auth}.
 *
 * <p>Mosquitto's ACLs cannot tell which alerts are routed to whom, so officials may publish to any
 * {@code alerts/+/ack}; the server still refuses (and logs) an ack from an official the alert is not
 * routed to.
 */
public final class MosquittoAuthFiles {
    /** The command-line tool's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.err;

    private MosquittoAuthFiles() {
    }

    /** The ACL file's text. */
    public static String acl(MinewatchConfig config) {
        String p = config.mqtt().topicPrefix();
        StringBuilder sb = new StringBuilder("# Written by scripts/mosquitto-auth from the minewatch config.\n");
        sb.append("# The server: everything under the prefix.\nuser ").append(serverUser(config)).append('\n')
                .append("topic readwrite ").append(p).append("/#\n");
        for (OfficialConfig o : config.officials()) {
            if (o.secret() == null) {
                continue;
            }
            sb.append('\n').append("user ").append(o.id()).append('\n');
            if (o.command()) {
                sb.append("topic read ").append(p).append("/#\n");
            } else {
                sb.append("topic read ").append(p).append("/officials/").append(o.id()).append("/#\n")
                        .append("topic write ").append(p).append("/alerts/+/ack\n");
            }
        }
        if ("read".equals(config.mqtt().anonymous())) {
            sb.append("\n# Anonymous clients may watch (mqtt.anonymous: read).\ntopic read ").append(p).append("/#\n");
        }
        return sb.toString();
    }

    /** The password file's lines before hashing: the server's (when configured) and each official's with a secret. */
    public static List<String> passwords(MinewatchConfig config) {
        List<String> lines = new ArrayList<>();
        if (config.mqtt().username() != null && config.mqtt().password() != null) {
            lines.add(config.mqtt().username() + ":" + config.mqtt().password());
        }
        for (OfficialConfig o : config.officials()) {
            if (o.secret() != null) {
                lines.add(o.id() + ":" + o.secret());
            }
        }
        return lines;
    }

    private static String serverUser(MinewatchConfig config) {
        return config.mqtt().username() != null ? config.mqtt().username() : config.mqtt().clientId();
    }

    /** {@code MosquittoAuthFiles CONFIG OUT_DIR}: writes OUT_DIR/passwd (mode 600) and OUT_DIR/acl. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            REPORT.println("usage: MosquittoAuthFiles CONFIG.yaml OUT_DIR");
            System.exit(2);
        }
        MinewatchConfig config;
        try {
            config = ConfigLoader.load(Path.of(args[0]));
        } catch (ConfigException e) {
            REPORT.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        Path passwd = out.resolve("passwd");
        Files.deleteIfExists(passwd);
        Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(passwd, passwords(config), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("acl"), acl(config), StandardCharsets.UTF_8);
        REPORT.println("wrote " + passwd + " (" + passwords(config).size() + " users, not yet hashed) and "
                + out.resolve("acl"));
    }
}
