package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.OfficialConfig;
import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker's logins and ACLs follow the officials in force when the registry swaps them. */
class BrokerSecuritySwapTest {
    private static final String PREFIX = "swap";
    private final Topics topics = new Topics(PREFIX);
    private final OfficialConfig li = new OfficialConfig("li", "Li", "", "li-secret", OfficialConfig.ROLE_OFFICIAL);
    private final OfficialConfig wang = new OfficialConfig("wang", "Wang", "", "wang-secret",
            OfficialConfig.ROLE_OFFICIAL);

    @Test
    void anAddedOfficialLogsInAtOnceAndARemovedOneIsRefusedEverything() {
        BrokerSecurity s = new BrokerSecurity(PREFIX, MqttConfig.ANONYMOUS_OFF, "minewatch-server", List.of(li),
                (alert, official) -> true);
        byte[] wangSecret = "wang-secret".getBytes(StandardCharsets.UTF_8);
        assertFalse(s.checkValid("wang", "wang", wangSecret));

        s.officials(List.of(li, wang));
        assertTrue(s.checkValid("wang.phone", "wang", wangSecret));
        assertEquals("wang", s.clientIdOwner("wang.phone"));
        assertTrue(s.canRead(new Topic(topics.officialFilter("wang")), "wang", "wang"));
        assertTrue(s.canWrite(new Topic(topics.ack("a1", "wang")), "wang", "wang"));

        s.officials(List.of(li));
        assertFalse(s.checkValid("wang", "wang", wangSecret));
        assertFalse(s.canRead(new Topic(topics.officialFilter("wang")), "wang", "wang"));
        assertFalse(s.canWrite(new Topic(topics.ack("a1", "wang")), "wang", "wang"));
        assertEquals(null, s.clientIdOwner("wang"));
        assertTrue(s.checkValid("li", "li", "li-secret".getBytes(StandardCharsets.UTF_8)), "li unchanged");
    }

    @Test
    void anOfficialThatWouldOwnTheServersClientIdIsRefusedAndNothingChanges() {
        BrokerSecurity s = new BrokerSecurity(PREFIX, MqttConfig.ANONYMOUS_OFF, "minewatch-server", List.of(li),
                (alert, official) -> true);
        OfficialConfig server = new OfficialConfig("minewatch-server", "X", "", "x", OfficialConfig.ROLE_COMMAND);
        assertThrows(IllegalArgumentException.class, () -> s.officials(List.of(li, server)));
        assertTrue(s.checkValid("li", "li", "li-secret".getBytes(StandardCharsets.UTF_8)));
    }
}
