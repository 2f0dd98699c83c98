package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords and values from the environment never reach a message or a toString. */
class SecretsTest {
    private static final String SITE = "sites: [{id: pit, lat: 1, lon: 2}]\n";

    @TempDir
    Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void unsetVariableNamesTheKeyButNotTheValue() throws Exception {
        String message = f.error("mqtt:\n  username: bob\n  password: \"hunter2-${MQTT_PASS}\"\n");
        assertEquals(f.prefix() + "line 3: mqtt.password: environment variable MQTT_PASS is not set"
                + " (and no ${MQTT_PASS:-default} given)", message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void malformedPlaceholders() throws Exception {
        assertTrue(f.error("mqtt: {username: \"${OPEN\"}\n").contains("mqtt.username: unterminated placeholder"));
        assertTrue(f.error("mqtt: {username: \"${1X}\"}\n").contains("mqtt.username: invalid placeholder"));
    }

    @Test
    void passwordNeverInToString() throws Exception {
        MinewatchConfig c = f.load(SITE + """
                cameras: [{id: c, site: pit, detect: "rtsp://admin:camsecret@10.0.0.5:554/s",
                           record: "rtsp://admin:${REC_PASS}@10.0.0.5/main"}]
                mqtt:
                  url: ssl://broker:8883
                  username: server
                  password: mqttsecret
                """, Map.of("REC_PASS", "recsecret"));
        String text = c.toString();
        for (String secret : new String[] {"camsecret", "recsecret", "mqttsecret"}) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
        assertTrue(text.contains("rtsp://admin:****@10.0.0.5:554/s"), text);
        assertTrue(text.contains("password=****"), text);
        assertEquals("rtsp://admin:camsecret@10.0.0.5:554/s", c.cameras().get(0).detect());
        assertEquals("mqttsecret", c.mqtt().password());
    }

    @Test
    void passwordNeverInMessages() throws Exception {
        // A wrong password type is reported without the password.
        String typed = f.error("mqtt:\n  password: [mqttsecret]\n");
        assertEquals(f.prefix() + "line 2: mqtt.password: expected a string, found a list", typed);
        // A later error in the same file does not echo the password either.
        String later = f.error("mqtt:\n  password: mqttsecret\n  embedded_port: -1\n");
        assertFalse(later.contains("mqttsecret"), later);
        // A camera URL with a password is masked when shown.
        String cam = f.error(SITE + "cameras: [{id: c, site: pit, detect: \"ftp://admin:camsecret@h/s\"}]\n");
        assertTrue(cam.endsWith("\"ftp://admin:****@h/s\""), cam);
        assertFalse(cam.contains("camsecret"), cam);
    }

    @Test
    void valuesFromTheEnvironmentAreNotShownInErrors() throws Exception {
        Map<String, String> env = Map.of("FPS", "fast", "CAM", "http://admin:envsecret@h/s", "SITE", "envsite",
                "CLIP", "envpath.mp4", "ID", "bad/envid");
        String cam = SITE + "cameras: [{id: c, site: pit, ";
        assertMessageHides(f.error(cam + "detect: rtsp://h/s, fps: \"${FPS}\"}]\n", env), "fast",
                "cameras[0].fps: expected a number, found a string");
        assertMessageHides(f.error(cam + "detect: \"${CAM}\"}]\n", env), "envsecret",
                "cameras[0].detect: unsupported URL scheme");
        assertMessageHides(f.error(SITE + "cameras: [{id: c, site: \"${SITE}\", detect: rtsp://h/s}]\n", env),
                "envsite", "cameras[0].site: unknown site");
        assertMessageHides(f.error(cam + "detect: \"${CLIP}\"}]\n", env), "envpath", "cameras[0].detect: file not found");
        assertMessageHides(f.error("officials: [{id: \"${ID}\"}]\n", env), "envid", "officials[0].id: invalid official id");
    }

    private static void assertMessageHides(String message, String secret, String expected) {
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains(secret), secret + " leaked: " + message);
    }

    /**
     * The loader remembers every secret of the file, so that {@link Redact#text(String)} masks it in
     * whatever shape a driver or library later prints it (here: bare, as a JDBC driver might).
     */
    @Test
    void theLoaderRemembersEverySecretOfTheFile() throws Exception {
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of("PGPW", "pg-" + id, "CAMPW", "cam-" + id, "OFF", "off-" + id);
        f.load(SITE + """
                cameras: [{id: c, site: pit, detect: "rtsp://admin:${CAMPW}@10.0.0.5/s?channel=1&token=tok-%1$s"}]
                officials: [{id: li, secret: "${OFF}"}]
                rtsp_server: {username: pusher, password: "push-%1$s"}
                mqtt: {url: "tcp://broker:1883", username: server, password: 1234%2$d}
                database:
                  url: "jdbc:postgresql://db:5432/x?user=u&password=${PGPW}"
                  password: "db-%1$s"
                """.formatted(id, Math.abs(id.hashCode() % 100000) + 100000), env);
        String mqtt = "1234" + (Math.abs(id.hashCode() % 100000) + 100000);
        for (String secret : new String[] {"pg-" + id, "cam-" + id, "off-" + id, "tok-" + id, "push-" + id,
                "db-" + id, mqtt}) {
            assertEquals("driver said: **** is wrong", Redact.text("driver said: " + secret + " is wrong"), secret);
        }
        // Names, hosts and other values are not secrets: they stay readable.
        assertEquals("camera c at 10.0.0.5 as admin", Redact.text("camera c at 10.0.0.5 as admin"));
    }

    /** Regression (issue 10): a bad database URL echoed its ?password= in the error. */
    @Test
    void aBadDatabaseUrlIsShownWithoutItsPassword() throws Exception {
        String literal = f.error("database: {url: \"jdbc:mysql://h/x?user=u&password=dbsecret1\"}\n");
        assertMessageHides(literal, "dbsecret1", "database.url: expected a jdbc:sqlite: or jdbc:postgresql: URL");
        assertTrue(literal.contains("password=****"), literal);
        String fromEnv = f.error("database: {url: \"jdbc:mysql://h/x?password=${PGPW}\"}\n", Map.of("PGPW", "dbsecret2"));
        assertMessageHides(fromEnv, "dbsecret2", "(URL from the environment, not shown)");
        // A later error of a file with a secret does not echo it, even in a key that is not secret.
        String later = f.error("database: {url: \"jdbc:postgresql://h/x;password=dbsecret3\", schema: \"X-dbsecret3\"}\n");
        assertMessageHides(later, "dbsecret3", "database.schema: schema must be");
    }
}
