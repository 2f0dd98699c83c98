package io.minewatch.ingest.rtsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bounded SDP (RFC 8866) reader for what RTSP needs: the session-level control URL and, per media
 * section, payload type, encoding, clock rate, control URL and format parameters.
 */
public final class Sdp {
    /** The largest SDP accepted. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The most media sections accepted. */
    public static final int MAX_TRACKS = 16;
    private static final int MAX_LINE = 8192;

    private final String control;
    private final List<MediaTrack> tracks;

    private Sdp(String control, List<MediaTrack> tracks) {
        this.control = control;
        this.tracks = List.copyOf(tracks);
    }

    /** The session-level {@code a=control}, or "". */
    public String control() {
        return control;
    }

    /** Every media section, in order. */
    public List<MediaTrack> tracks() {
        return tracks;
    }

    /**
     * Parses an SDP body.
     *
     * @throws RtspException when it is too large, has too many tracks or lines that break the grammar
     */
    public static Sdp parse(String text) throws RtspException {
        if (text.length() > MAX_BYTES) {
            throw new RtspException("SDP larger than " + MAX_BYTES + " bytes");
        }
        String sessionControl = "";
        List<MediaTrack> tracks = new ArrayList<>();
        Builder current = null;
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() > MAX_LINE || line.length() < 2 || line.charAt(1) != '=') {
                throw new RtspException("malformed SDP line: " + shorten(line));
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (current != null) {
                    tracks.add(current.build());
                }
                if (tracks.size() == MAX_TRACKS) {
                    throw new RtspException("SDP has more than " + MAX_TRACKS + " media sections");
                }
                current = Builder.media(value);
            } else if (type == 'a') {
                if (current == null) {
                    if (value.startsWith("control:")) {
                        sessionControl = value.substring(8).strip();
                    }
                } else {
                    current.attribute(value);
                }
            }
        }
        if (current != null) {
            tracks.add(current.build());
        }
        return new Sdp(sessionControl, tracks);
    }

    static String shorten(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            b.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return b.toString();
    }

    private static final class Builder {
        private String media;
        private int pt;
        private String encoding = "";
        private int clockRate;
        private String control = "";
        private final Map<String, String> fmtp = new HashMap<>();

        static Builder media(String value) throws RtspException {
            // m=<media> <port> <proto> <fmt> ...
            String[] f = value.trim().split("\\s+");
            if (f.length < 4) {
                throw new RtspException("malformed SDP media line: " + shorten(value));
            }
            Builder b = new Builder();
            b.media = f[0].toLowerCase(Locale.ROOT);
            try {
                b.pt = payloadType(f[3]);
            } catch (RtspException e) {
                b.pt = -1; // not RTP (or not a number): the section is kept but never used
            }
            return b;
        }

        void attribute(String value) throws RtspException {
            if (value.startsWith("control:")) {
                control = value.substring(8).strip();
            } else if (value.startsWith("rtpmap:")) {
                // a=rtpmap:<pt> <encoding>/<clock>[/<channels>]
                String[] f = value.substring(7).trim().split("\\s+", 2);
                if (f.length == 2 && pt >= 0 && payloadType(f[0]) == pt) {
                    String[] enc = f[1].split("/");
                    encoding = enc[0].trim();
                    if (enc.length > 1) {
                        clockRate = number(enc[1], "clock rate", 1, 10_000_000);
                    }
                }
            } else if (value.startsWith("fmtp:")) {
                String[] f = value.substring(5).trim().split("\\s+", 2);
                if (f.length == 2 && pt >= 0 && payloadType(f[0]) == pt) {
                    for (String kv : f[1].split(";", 64)) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            fmtp.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
                        }
                    }
                }
            }
        }

        MediaTrack build() {
            int rate = clockRate > 0 ? clockRate : 90_000;
            return new MediaTrack(media, pt, encoding, rate, control, fmtp);
        }

        private static int payloadType(String s) throws RtspException {
            return number(s, "payload type", 0, 127);
        }

        private static int number(String s, String what, int min, int max) throws RtspException {
            try {
                int v = Integer.parseInt(s.trim());
                if (v < min || v > max) {
                    throw new RtspException("SDP " + what + " out of range: " + shorten(s));
                }
                return v;
            } catch (NumberFormatException e) {
                throw new RtspException("SDP " + what + " is not a number: " + shorten(s));
            }
        }
    }
}
