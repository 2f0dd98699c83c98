package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@link Redact#url(String)} masks URL passwords and changes nothing else. */
class RedactTest {
    @Test
    void masksThePassword() {
        assertEquals("rtsp://admin:****@10.0.0.5:554/s", Redact.url("rtsp://admin:secret@10.0.0.5:554/s"));
        assertEquals("tcp://u:****@broker:1883", Redact.url("tcp://u:p%40ss@broker:1883"));
        assertEquals("rtsp://:****@h/s", Redact.url("rtsp://:onlypass@h/s"));
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

    @Test
    void leavesUrlsWithoutPasswordUnchanged() {
        for (String url : new String[] {"rtsp://10.0.0.5:554/s", "rtsp://admin@10.0.0.5/s", "rtsp://h:554/path@x",
                "tcp://broker:1883", "/videos/a@b.mp4", "user:pass@host", ""}) {
            assertEquals(url, Redact.url(url));
        }
        assertNull(Redact.url(null));
    }
}
