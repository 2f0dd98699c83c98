package io.minewatch.alerts.broker;

import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.OfficialConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker and what they may read and write.
 *
 * <ul>
 *   <li>the server itself: a user name and a random secret made at start-up; everything;</li>
 *   <li>an official (role {@code official}) with its configured secret: subscribe only within
 *       {@code <prefix>/officials/<self>/}, publish only to {@code <prefix>/alerts/<alert>/ack/<self>} of
 *       alerts routed to it;</li>
 *   <li>the command centre (role {@code command}): subscribe to everything, publish nothing;</li>
 *   <li>anonymous clients: refused, or with {@code mqtt.anonymous: read} subscribe to everything and
 *       publish nothing (demos).</li>
 * </ul>
 *
 * <p><b>Client ids are bound to logins</b> (Mosquitto's {@code use_username_as_clientid}, loosened
 * for several devices): the client id {@code <official>} or {@code <official>.<anything>} belongs to
 * that official, and only its login may use it ('.' cannot occur in an official id, so official
 * {@code li} can never use {@code li-wei} or {@code li-wei.phone}); the server's client id belongs to
 * the server's login alone; an anonymous client may use any other id. So a persistent session — and
 * the alerts queued in it — can only ever be reopened by the user that made it, which is why
 * authorising a subscription once, when it is made, is the same as authorising every delivery
 * (Moquette 0.17 asks only then): the user behind a session never changes, nor do its rights.
 *
 * <p>Moquette 0.17 never calls {@link #checkValid} for a client without a user name, so anonymous
 * clients reach the broker only through {@link BrokerFrontDoor}, which checks their client id with
 * {@link #admitAnonymous} and logs them in as {@link #ANONYMOUS_USER} with a secret only it knows.
 * Refusals are logged once per user and topic or client id, without any secret.
 */
public final class BrokerSecurity implements IAuthenticator, IAuthorizatorPolicy {

    /** Whether an alert is routed to an official; answered from memory, as it runs on the broker's event loop. */
    @FunctionalInterface
    public interface RouteCheck {
        boolean routed(String alertId, String official);
    }

    /** The user name anonymous clients are logged in under by the front door (never an official id). */
    public static final String ANONYMOUS_USER = "$anonymous";
    /** Separates an official's id from a device suffix in a client id: {@code li-wei.phone}. */
    public static final char CLIENT_ID_SEPARATOR = '.';

    private static final Logger log = LoggerFactory.getLogger(BrokerSecurity.class);

    private final Topics topics;
    private final boolean anonymousRead;
    private final String serverUser;
    private final byte[] serverSecret;
    private final byte[] anonymousSecret;
    /** Officials' logins and roles: an immutable pair swapped whole when the registry changes an official. */
    private record Logins(Map<String, byte[]> secrets, Map<String, String> roles) {
    }

    private volatile Logins logins;
    private final RouteCheck routes;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public BrokerSecurity(String prefix, String anonymous, String serverUser, List<OfficialConfig> officials,
            RouteCheck routes) {
        this.topics = new Topics(prefix);
        this.anonymousRead = MqttConfig.ANONYMOUS_READ.equals(anonymous);
        this.serverUser = serverUser;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.serverSecret = Base64.getUrlEncoder().withoutPadding().encode(random);
        byte[] anon = new byte[24];
        new SecureRandom().nextBytes(anon);
        this.anonymousSecret = Base64.getUrlEncoder().withoutPadding().encode(anon);
        this.logins = logins(officials, serverUser);
        this.routes = routes;
    }

    /**
     * Swaps in the officials in force (the registry added, changed or removed one): a new official may
     * log in at once; a removed one can no longer log in, subscribe or ack (a connection it already holds
     * stays open until it drops, but every publish and new subscription is checked against this list).
     *
     * @throws IllegalArgumentException when an official id would own the server's client id (nothing changes)
     */
    public void officials(List<OfficialConfig> officials) {
        this.logins = logins(officials, serverUser);
    }

    private static Logins logins(List<OfficialConfig> officials, String serverUser) {
        Map<String, byte[]> secrets = new HashMap<>();
        Map<String, String> roles = new HashMap<>();
        for (OfficialConfig o : officials) {
            if (o.id().equals(serverUser) || o.id().equals(clientIdHead(serverUser))) {
                throw new IllegalArgumentException("official id \"" + o.id()
                        + "\" would own the server's MQTT client id \"" + serverUser + "\"");
            }
            roles.put(o.id(), o.role());
            if (o.secret() != null && !o.secret().isEmpty()) {
                secrets.put(o.id(), o.secret().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Logins(Map.copyOf(secrets), Map.copyOf(roles));
    }

    private static String clientIdHead(String clientId) {
        int dot = clientId.indexOf(CLIENT_ID_SEPARATOR);
        return dot < 0 ? clientId : clientId.substring(0, dot);
    }

    /** Whether anonymous clients may connect (to read). */
    public boolean allowsAnonymous() {
        return anonymousRead;
    }

    /** The server's own user name. */
    public String serverUser() {
        return serverUser;
    }

    /** The server's own secret, made at start-up (a copy). */
    public char[] serverSecret() {
        return new String(serverSecret, StandardCharsets.UTF_8).toCharArray();
    }

    /** The secret the front door logs anonymous clients in with (a copy). */
    byte[] anonymousSecret() {
        return anonymousSecret.clone();
    }

    /**
     * Who owns a client id: the server's user for the server's client id, the official for
     * {@code <official>} and {@code <official>.<anything>}, null for an id nobody owns.
     */
    public String clientIdOwner(String clientId) {
        if (clientId == null) {
            return null;
        }
        if (clientId.equals(serverUser)) {
            return serverUser;
        }
        String head = clientIdHead(clientId);
        return logins.roles().containsKey(head) ? head : null;
    }

    /**
     * Whether an anonymous client may connect with this client id: only with {@code mqtt.anonymous:
     * read}, and never with an id owned by an official or the server. Called by the front door before
     * the broker sees the connection.
     */
    public boolean admitAnonymous(String clientId) {
        if (!anonymousRead) {
            refused("(anonymous)", "login", "anonymous clients are not allowed");
            return false;
        }
        String owner = clientIdOwner(clientId);
        if (owner != null) {
            refused("(anonymous)", "client id " + clientId, "the client id belongs to " + owner);
            return false;
        }
        return true;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return false;
        }
        if (username.equals(ANONYMOUS_USER)) {
            return MessageDigest.isEqual(anonymousSecret, password) && admitAnonymous(clientId);
        }
        byte[] expected = username.equals(serverUser) ? serverSecret : logins.secrets().get(username);
        if (expected == null || !MessageDigest.isEqual(expected, password)) {
            refused(username, "login", "bad user name or secret");
            return false;
        }
        if (!username.equals(clientIdOwner(clientId))) {
            refused(username, "client id " + clientId, username.equals(serverUser)
                    ? "may use only the client id " + serverUser
                    : "may use only the client id " + username + " or " + username + CLIENT_ID_SEPARATOR + "<device>");
            return false;
        }
        return true;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        String filter = topic.toString();
        if (user == null) {
            return false;
        }
        if (user.equals(ANONYMOUS_USER)) {
            return anonymousRead;
        }
        Map<String, String> roles = logins.roles();
        if (user.equals(serverUser) || OfficialConfig.ROLE_COMMAND.equals(roles.get(user))) {
            return true;
        }
        // Only configured official ids (checked by the config) reach Topics, which refuses odd levels.
        String own = roles.containsKey(user) ? topics.officialFilter(user) : null;
        own = own == null ? null : own.substring(0, own.length() - 1);
        boolean ok = own != null && filter.startsWith(own) && !filter.substring(0, own.length()).contains("+");
        if (!ok) {
            refused(user, filter, "may read only its own officials/<id>/# topics");
        }
        return ok;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        String name = topic.toString();
        if (user == null) {
            return false;
        }
        if (user.equals(ANONYMOUS_USER)) {
            refused(user, name, "anonymous clients publish nothing");
            return false;
        }
        if (user.equals(serverUser)) {
            return true;
        }
        boolean ok = false;
        if (OfficialConfig.ROLE_OFFICIAL.equals(logins.roles().get(user))) {
            // alerts/<alert>/ack/<official>: the official in the topic is the login, so the server knows who acked.
            Topics.AckTopic ack = topics.parseAck(name);
            ok = ack != null && user.equals(ack.official()) && routes.routed(ack.alert(), user);
        }
        if (!ok) {
            refused(user, name, "may publish only acks of alerts routed to them, on " + topics.ackFilter()
                    + " with their own id last");
        }
        return ok;
    }

    private void refused(String user, String what, String why) {
        if (logged.size() < 10_000 && logged.add(user + "|" + what)) {
            log.warn("MQTT: refused {} for user {}: {}", what, user, why);
        }
    }
}
