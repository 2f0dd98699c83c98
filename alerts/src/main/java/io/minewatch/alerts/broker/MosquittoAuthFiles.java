package io.minewatch.alerts.broker;

import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
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
 * (plain {@code user:secret} lines, to be hashed in place with {@code mosquitto_passwd -U}), an ACL file
 * and the lines for {@code mosquitto.conf}. Used by {@code scripts/mosquitto-auth}.
 *
 * <p>The ACL file: topic lines before the first {@code user} line are the anonymous clients' (Mosquitto's
 * rule), so they come first — with {@code mqtt.anonymous: read} reading everything but the officials'
 * own topics, otherwise nothing. Each official reads {@code officials/<self>/#} and writes only its own
 * ack topic {@code alerts/+/ack/<self>} (what {@code pattern write <prefix>/alerts/+/ack/%u} says, for
 * officials only); the command centre reads everything; the server reads and writes everything.
 * Mosquitto checks read access again at every delivery.
 *
 * <p>Client ids: with {@code mqtt.anonymous: off} the configuration sets {@code use_username_as_clientid
 * true}, so every client's id is its login and no one can take over another's session (one connection
 * per login at a time). Mosquitto refuses clients without a user name under that option, so with
 * {@code anonymous: read} it is not set: a client may then connect with another's client id and push
 * it off (and drop the messages queued for it), though Mosquitto delivers nothing the newcomer may not
 * read. Use {@code anonymous: off} on a production Mosquitto.
 *
 * <p>Mosquitto's ACLs cannot tell which alerts are routed to whom, so an official may publish its ack
 * of any alert; the server still refuses (and records) an ack from an official the alert is not routed to.
 */
public final class MosquittoAuthFiles {
    /** The command-line tool's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.err;

    private MosquittoAuthFiles() {
    }

    /** The ACL file's text. */
    public static String acl(MinewatchConfig config) {
        Topics topics = new Topics(config.mqtt().topicPrefix());
        StringBuilder sb = new StringBuilder("# Written by scripts/mosquitto-auth from the minewatch config.\n");
        // Mosquitto applies topic lines that come before any "user" line to anonymous clients.
        if (anonymousRead(config)) {
            sb.append("# Anonymous clients (mqtt.anonymous: read): everything but the officials' own topics.\n");
            for (String filter : topics.publicFilters()) {
                sb.append("topic read ").append(filter).append('\n');
            }
        } else {
            sb.append("# Anonymous clients: nothing (mqtt.anonymous: off).\n");
        }
        sb.append("\n# The server: everything under the prefix.\nuser ").append(serverUser(config)).append('\n')
                .append("topic readwrite ").append(topics.all()).append('\n');
        for (OfficialConfig o : config.officials()) {
            if (o.secret() == null) {
                continue;
            }
            sb.append('\n').append("user ").append(o.id()).append('\n');
            if (o.command()) {
                sb.append("topic read ").append(topics.all()).append('\n');
            } else {
                sb.append("topic read ").append(topics.officialFilter(o.id())).append('\n')
                        .append("topic write ").append(topics.ackFilter(o.id())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The lines for {@code mosquitto.conf}, with the password and ACL files in {@code dir}. */
    public static String conf(MinewatchConfig config, Path dir) {
        StringBuilder sb = new StringBuilder("# Written by scripts/mosquitto-auth: include in mosquitto.conf.\n")
                .append("allow_anonymous ").append(anonymousRead(config)).append('\n')
                .append("password_file ").append(dir.toAbsolutePath().resolve("passwd")).append('\n')
                .append("acl_file ").append(dir.toAbsolutePath().resolve("acl")).append('\n');
        if (anonymousRead(config)) {
            sb.append("# Not use_username_as_clientid: Mosquitto would refuse every anonymous client.\n");
        } else {
            sb.append("# A client's id is its login: nobody takes over another's session.\n")
                    .append("use_username_as_clientid true\n");
        }
        return sb.toString();
    }

    private static boolean anonymousRead(MinewatchConfig config) {
        return MqttConfig.ANONYMOUS_READ.equals(config.mqtt().anonymous());
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

    /**
     * {@code MosquittoAuthFiles CONFIG OUT_DIR}: writes OUT_DIR/passwd (mode 600), OUT_DIR/acl and
     * OUT_DIR/mosquitto.conf (the lines to include).
     */
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
        Files.writeString(out.resolve("mosquitto.conf"), conf(config, out), StandardCharsets.UTF_8);
        REPORT.println("wrote " + passwd + " (" + passwords(config).size() + " users, not yet hashed), "
                + out.resolve("acl") + " and " + out.resolve("mosquitto.conf"));
        if (anonymousRead(config)) {
            REPORT.println("note: with mqtt.anonymous: read, Mosquitto cannot bind client ids to logins;"
                    + " use anonymous: off in production");
        }
    }
}
