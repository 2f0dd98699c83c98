package io.minewatch.alerts.broker;

import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.OfficialConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Mosquitto equivalent of {@link BrokerSecurity} for an external broker, as file contents: a password file
 * (plain {@code user:secret} lines, to be hashed in place with {@code mosquitto_passwd -U}), an ACL file
 * and the lines for {@code mosquitto.conf}. The tools module's {@code MosquittoAuth} writes them
 * ({@code scripts/mosquitto-auth}).
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

    /** Whether anonymous clients may read (mqtt.anonymous: read): Mosquitto then cannot bind client ids to logins. */
    public static boolean anonymousRead(MinewatchConfig config) {
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
}
