package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minewatch.config.MqttConfig;
import io.minewatch.config.OfficialConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What reaches the embedded broker's front door before a proper CONNECT: it hangs up. */
class BrokerFrontDoorTest {

    private static EmbeddedBroker broker() {
        return EmbeddedBroker.start("127.0.0.1", 0, new BrokerSecurity("p", MqttConfig.ANONYMOUS_READ,
                "minewatch-server", List.of(new OfficialConfig("li", "Li", "X", "li-secret", OfficialConfig.ROLE_OFFICIAL)),
                (alert, official) -> false));
    }

    /** Reads until the door closes the connection; returns the bytes it sent before. */
    private static byte[] untilClosed(Socket s) throws Exception {
        s.setSoTimeout(15_000);
        InputStream in = s.getInputStream();
        return in.readAllBytes();
    }

    @Test
    void somethingOtherThanMqttIsHungUpOn() throws Exception {
        try (EmbeddedBroker broker = broker(); Socket s = new Socket("127.0.0.1", broker.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(0, untilClosed(s).length);
        }
    }

    @Test
    void aPublishBeforeConnectIsHungUpOn() throws Exception {
        try (EmbeddedBroker broker = broker(); Socket s = new Socket("127.0.0.1", broker.port())) {
            // PUBLISH QoS 0, topic "p/x", payload "hi": would go to the broker without any login.
            byte[] publish = {0x30, 7, 0, 3, 'p', '/', 'x', 'h', 'i'};
            s.getOutputStream().write(publish);
            s.getOutputStream().flush();
            assertEquals(0, untilClosed(s).length);
        }
    }

    @Test
    void anAnonymousConnectWithAnOfficialsClientIdIsRefusedWithIdentifierRejected() throws Exception {
        try (EmbeddedBroker broker = broker(); Socket s = new Socket("127.0.0.1", broker.port())) {
            // CONNECT, MQTT 3.1.1, clean session, keep-alive 60, client id "li.phone", no user name.
            byte[] id = "li.phone".getBytes(StandardCharsets.UTF_8);
            byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60};
            int remaining = variable.length + 2 + id.length;
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0x10, (byte) remaining});
            out.write(variable);
            out.write(new byte[] {0, (byte) id.length});
            out.write(id);
            out.flush();
            byte[] answer = untilClosed(s);
            // CONNACK, remaining length 2, no session, return code 2 (identifier rejected), then closed.
            assertEquals(List.of(0x20, 2, 0, 2), List.of(answer[0] & 0xff, (int) answer[1], (int) answer[2],
                    (int) answer[3]));
        }
    }
}
