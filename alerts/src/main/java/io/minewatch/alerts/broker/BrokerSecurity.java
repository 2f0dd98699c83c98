package io.minewatch.alerts.broker;

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
 *       {@code <prefix>/officials/<self>/}, publish only to {@code <prefix>/alerts/<alert>/ack} of
 *       alerts routed to it;</li>
 *   <li>the command centre (role {@code command}): subscribe to everything, publish nothing;</li>
 *   <li>anonymous clients: refused, or with {@code mqtt.anonymous: read} subscribe to everything and
 *       publish nothing (demos).</li>
 * </ul>
 * Refusals are logged once per user and topic, without any secret.
 */
public final class BrokerSecurity implements IAuthenticator, IAuthorizatorPolicy {

    /** Whether an alert is routed to an official; answered from memory, as it runs on the broker's event loop. */
    @FunctionalInterface
    public interface RouteCheck {
        boolean routed(String alertId, String official);
    }

    private static final Logger log = LoggerFactory.getLogger(BrokerSecurity.class);

    private final String prefix;
    private final boolean anonymousRead;
    private final String serverUser;
    private final byte[] serverSecret;
    private final Map<String, byte[]> secrets = new HashMap<>();
    private final Map<String, String> roles = new HashMap<>();
    private final RouteCheck routes;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public BrokerSecurity(String prefix, String anonymous, String serverUser, List<OfficialConfig> officials,
            RouteCheck routes) {
        this.prefix = prefix;
        this.anonymousRead = MqttConfig.ANONYMOUS_READ.equals(anonymous);
        this.serverUser = serverUser;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.serverSecret = Base64.getUrlEncoder().withoutPadding().encode(random);
        for (OfficialConfig o : officials) {
            if (o.id().equals(serverUser)) {
                throw new IllegalArgumentException("official id \"" + o.id() + "\" is the server's MQTT client id");
            }
            roles.put(o.id(), o.role());
            if (o.secret() != null && !o.secret().isEmpty()) {
                secrets.put(o.id(), o.secret().getBytes(StandardCharsets.UTF_8));
            }
        }
        this.routes = routes;
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

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return false;
        }
        byte[] expected = username.equals(serverUser) ? serverSecret : secrets.get(username);
        boolean ok = expected != null && MessageDigest.isEqual(expected, password);
        if (!ok) {
            refused(username, "login", "bad user name or secret");
        }
        return ok;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        String filter = topic.toString();
        if (user == null) {
            return anonymousRead;
        }
        if (user.equals(serverUser) || OfficialConfig.ROLE_COMMAND.equals(roles.get(user))) {
            return true;
        }
        String own = prefix + "/officials/" + user + "/";
        boolean ok = roles.containsKey(user) && filter.startsWith(own)
                && !filter.substring(0, own.length()).contains("+");
        if (!ok) {
            refused(user, filter, "may read only " + own + "#");
        }
        return ok;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        String name = topic.toString();
        if (user == null) {
            return false;
        }
        if (user.equals(serverUser)) {
            return true;
        }
        String head = prefix + "/alerts/";
        boolean ok = false;
        if (OfficialConfig.ROLE_OFFICIAL.equals(roles.get(user)) && name.startsWith(head) && name.endsWith("/ack")) {
            String alert = name.substring(head.length(), name.length() - "/ack".length());
            ok = !alert.isEmpty() && !alert.contains("/") && routes.routed(alert, user);
        }
        if (!ok) {
            refused(user, name, "may publish only acks of alerts routed to them");
        }
        return ok;
    }

    private void refused(String user, String what, String why) {
        if (logged.size() < 10_000 && logged.add(user + "|" + what)) {
            log.warn("MQTT: refused {} for user {}: {}", what, user, why);
        }
    }
}
