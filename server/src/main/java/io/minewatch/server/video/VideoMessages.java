package io.minewatch.server.video;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The text frames of the live video protocol (JSON). */
final class VideoMessages {
    /** Fallback reason: the camera has no pre-roll ring (a file or device source). */
    static final String NO_RING = "no_ring";

    private VideoMessages() {
    }

    /** {@code {"type":"init","mime":"video/mp4; codecs=\"avc1.PPCCLL\""}}. */
    static TextWebSocketFrame init(String mime) {
        return new TextWebSocketFrame("{\"type\":\"init\",\"mime\":" + quote(mime) + "}");
    }

    /** {@code {"type":"fallback","reason":...,"snapshot":"/api/v1/cameras/<id>/snapshot"}}. */
    static TextWebSocketFrame fallback(String camera, String reason) {
        String snapshot = "/api/v1/cameras/" + URLEncoder.encode(camera, StandardCharsets.UTF_8).replace("+", "%20")
                + "/snapshot";
        return new TextWebSocketFrame("{\"type\":\"fallback\",\"reason\":" + quote(reason) + ",\"snapshot\":"
                + quote(snapshot) + "}");
    }

    /** {@code {"type":"error","error":...}}. */
    static TextWebSocketFrame error(String message) {
        return new TextWebSocketFrame("{\"type\":\"error\",\"error\":" + quote(message) + "}");
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
