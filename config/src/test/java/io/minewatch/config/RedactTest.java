package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Redact} masks credentials in every shape drivers and URLs carry them, and changes nothing else. */
class RedactTest {
    @Test
    void masksThePassword() {
        assertEquals("rtsp://admin:****@10.0.0.5:554/s", Redact.url("rtsp://admin:secret@10.0.0.5:554/s"));
        assertEquals("tcp://u:****@broker:1883", Redact.url("tcp://u:p%40ss@broker:1883"));
        assertEquals("rtsp://:****@h/s", Redact.url("rtsp://:onlypass@h/s"));
        assertEquals("jdbc:postgresql://u:****@db:5432/x", Redact.url("jdbc:postgresql://u:pw@db:5432/x"));
    }

    /** Regression: a raw '@' inside the password (FFmpeg accepts it) left the part after it visible. */
    @Test
    void masksAPasswordThatContainsAnAtSign() {
        assertEquals("rtsp://admin:****@127.0.0.1:1/x", Redact.url("rtsp://admin:se@cret@127.0.0.1:1/x"));
    }

    @Test
    void masksEveryUrlInsideText() {
        assertEquals("open rtsp://a:****@h1/s failed, trying rtsps://b:****@h2/s",
                Redact.url("open rtsp://a:x1@h1/s failed, trying rtsps://b:y2@h2/s"));
    }

    /**
     * Regression (issue 10): {@code jdbc:postgresql://h/x?password=${PGPW}} printed the password in the
     * start-up error, because only {@code user:pass@} was masked.
     */
    @Test
    void masksSecretQueryParameters() {
        assertEquals("jdbc:postgresql://127.0.0.1:1/x?password=****",
                Redact.url("jdbc:postgresql://127.0.0.1:1/x?password=hunter2"));
        assertEquals("jdbc:postgresql://h/x?user=u&password=****&ssl=true",
                Redact.url("jdbc:postgresql://h/x?user=u&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://h/x?sslmode=verify-full&sslpassword=****",
                Redact.url("jdbc:postgresql://h/x?sslmode=verify-full&sslpassword=keypass"));
        assertEquals("jdbc:mysql://h/x?PASSWORD=****&user=u", Redact.url("jdbc:mysql://h/x?PASSWORD=Hunter2&user=u"));
        assertEquals("https://h/api?apikey=****&api_key=****&access_token=****&X-Amz-Signature=****#top",
                Redact.url("https://h/api?apikey=k1&api_key=k2&access_token=t3&X-Amz-Signature=s4#top"));
        assertEquals("rtsp://cam/s?channel=1&pwd=****", Redact.url("rtsp://cam/s?channel=1&pwd=camsecret"));
        assertEquals("http://h/cgi?user=admin&passwd=****", Redact.url("http://h/cgi?user=admin&passwd=x;y"));
        assertEquals("tcp://h:1883?secret=****", Redact.url("tcp://h:1883?secret=s3cr3t"));
        assertEquals("x?client_secret=****", Redact.url("x?client_secret=abc"));
    }

    /** SQL Server and H2 put properties after ';'; java.util.Properties prints {user=u, password=p}. */
    @Test
    void masksSecretProperties() {
        assertEquals("jdbc:sqlserver://h:1433;databaseName=x;user=u;password=****;encrypt=true",
                Redact.url("jdbc:sqlserver://h:1433;databaseName=x;user=u;password=hunter2;encrypt=true"));
        assertEquals("jdbc:h2:file:/d/x;USER=sa;PASSWORD=****", Redact.url("jdbc:h2:file:/d/x;USER=sa;PASSWORD=h2pw"));
        assertEquals("{user=u, password=****}", Redact.url("{user=u, password=hunter2}"));
        assertEquals("connect failed (password = ****) for user u", Redact.url("connect failed (password = hunter2) for user u"));
        assertEquals("Token=****", Redact.url("Token=abc.def.ghi"));
        assertEquals("opts: sslPassword=****, authToken=****", Redact.url("opts: sslPassword=k, authToken=t"));
    }

    /** Masking a message twice (the cause's message, then the whole line) gives the same text. */
    @Test
    void punctuationAfterTheValueStaysAndMaskingTwiceChangesNothing() {
        String once = Redact.url("cannot open jdbc:postgresql://h/x?password=hunter2: refused (token=t0k). pwd=x.");
        assertEquals("cannot open jdbc:postgresql://h/x?password=****: refused (token=****). pwd=****.", once);
        assertEquals(once, Redact.url(once));
    }

    @Test
    void masksEveryShapeInOneMessage() {
        String m = Redact.url("Unable to obtain connection from database (jdbc:postgresql://a:pw1@h:1/x"
                + "?user=u&password=pw2) for user 'u': Connection refused; retry jdbc:sqlserver://h;pwd=pw3");
        for (String secret : new String[] {"pw1", "pw2", "pw3"}) {
            assertFalse(m.contains(secret), secret + " leaked: " + m);
        }
        assertTrue(m.contains("Connection refused"), m);
    }

    @Test
    void leavesUrlsWithoutPasswordUnchanged() {
        for (String url : new String[] {"rtsp://10.0.0.5:554/s", "rtsp://admin@10.0.0.5/s", "rtsp://h:554/path@x",
                "tcp://broker:1883", "/videos/a@b.mp4", "user:pass@host", "", "jdbc:postgresql://h:5432/x?user=u&ssl=true",
                "jdbc:sqlite:/var/lib/minewatch/minewatch.db", "rtsp://cam/s?channel=1&subtype=0",
                "jdbc:sqlserver://h;databaseName=x;user=u", "fps=5, width=640", "a == b"}) {
            assertEquals(url, Redact.url(url));
        }
        assertNull(Redact.url(null));
    }

    @Test
    void secretNames() {
        for (String name : new String[] {"password", "PASSWORD", "sslpassword", "pwd", "passwd", "secret",
                "client_secret", "token", "access_token", "apikey", "api_key", "api-key", "X-Amz-Credential"}) {
            assertTrue(Redact.secretName(name), name);
        }
        for (String name : new String[] {"url", "username", "user", "host", "schema", "id", "topic_prefix", "authority", "", null}) {
            assertFalse(Redact.secretName(name), String.valueOf(name));
        }
    }

    /** A remembered secret is masked in any shape: bare, URL-encoded, decoded, in a URL no pattern knows. */
    @Test
    void rememberedSecretsAreMaskedAnywhere() {
        String secret = "p@ss " + UUID.randomUUID();
        Redact.remember(secret);
        assertEquals("login as bob with ****: refused", Redact.text("login as bob with " + secret + ": refused"));
        String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("jdbc:x://h/d/****", Redact.text("jdbc:x://h/d/" + encoded));
        // Shapes are masked by text() too, remembered or not.
        assertEquals("jdbc:postgresql://h/x?password=****", Redact.text("jdbc:postgresql://h/x?password=other"));
        assertNull(Redact.text(null));
    }

    /** The credentials of a URL are remembered, so a driver that prints them decoded is masked too. */
    @Test
    void credentialsOfAUrlAreRemembered() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Redact.rememberCredentials("jdbc:postgresql://h/x?user=u&password=pw%26" + id + "&ssl=1 rtsp://a:cam" + id + "@h/s");
        assertEquals("refused: ****, ****", Redact.text("refused: pw&" + id + ", cam" + id));
    }

    /** Values shorter than four characters would garble every log line: they are masked only by shape. */
    @Test
    void shortValuesAreNotScrubbedFromFreeText() {
        Redact.remember("abc");
        assertEquals("abc", Redact.text("abc"));
        assertEquals("x?pwd=****", Redact.text("x?pwd=abc"));
    }
}
