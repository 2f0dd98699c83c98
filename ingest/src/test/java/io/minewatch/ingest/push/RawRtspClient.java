package io.minewatch.ingest.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written RTSP client over a plain socket, as an attacker would write one: it sends whatever
 * it is told (wrong realms, replayed nonces, keep-alives only) and reads answers byte by byte.
 * Computes Digest responses itself, independently of the code under test.
 */
final class RawRtspClient implements AutoCloseable {
    static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Session\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAH+kC,aM44gA==\r\na=control:streamid=0\r\n";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]*)\"");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String base;
    private int cseq;

    /** An answer: status code (-1 when the server closed instead), headers (lower-case names). */
    record Answer(int status, Map<String, String> headers) {
        String nonce() {
            Matcher m = NONCE.matcher(headers.getOrDefault("www-authenticate", ""));
            return m.find() ? m.group(1) : null;
        }

        boolean stale() {
            return headers.getOrDefault("www-authenticate", "").contains("stale=true");
        }
    }

    RawRtspClient(int port, int readTimeoutMs) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMs);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        base = "rtsp://127.0.0.1:" + port + "/";
    }

    /** Sets how long a read waits. */
    void readTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    /** The URL of a path on the server. */
    String url(String path) {
        return base + path;
    }

    /** Sends a request (extra headers may be null) and reads its answer. */
    Answer request(String method, String uri, String authorization, String extra, String body) throws IOException {
        send(method, uri, authorization, extra, body);
        return read();
    }

    void send(String method, String uri, String authorization, String extra, String body) throws IOException {
        StringBuilder b = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: ")
                .append(++cseq).append("\r\n");
        if (authorization != null) {
            b.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (extra != null) {
            b.append(extra);
        }
        if (body != null) {
            b.append("Content-Type: application/sdp\r\nContent-Length: ").append(body.length()).append("\r\n\r\n")
                    .append(body);
        } else {
            b.append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one answer; status -1 when the server closed the connection. */
    Answer read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        if (c < 0) {
            return new Answer(-1, Map.of());
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.readNBytes(length);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers);
    }

    /** Whether the server has closed the connection (EOF, or reset) within the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Announces, sets up track 0 over TCP and records, authenticating with these credentials (or none). */
    Answer announceAndRecord(String path, String user, String password) throws IOException {
        String uri = url(path);
        Answer a = request("ANNOUNCE", uri, null, null, SDP);
        String nonce = a.nonce();
        if (a.status() == 401 && user != null) {
            a = request("ANNOUNCE", uri, digest(user, "minewatch", password, "ANNOUNCE", uri, nonce, uri), null, SDP);
        }
        if (a.status() != 200) {
            return a;
        }
        String track = uri + "/streamid=0";
        a = request("SETUP", track, user == null ? null : digest(user, "minewatch", password, "SETUP", track, nonce,
                track), "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n", null);
        if (a.status() != 200) {
            return a;
        }
        return request("RECORD", uri, user == null ? null : digest(user, "minewatch", password, "RECORD", uri, nonce,
                uri), "Session: " + a.headers().get("session") + "\r\n", null);
    }

    /**
     * A Digest Authorization header (RFC 2617, no qop). The response is computed over {@code hashedUri},
     * while the header claims {@code claimedUri}, so tests can make them differ.
     */
    static String digest(String user, String realm, String password, String method, String claimedUri, String nonce,
                         String hashedUri) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + hashedUri);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
                + claimedUri + "\", response=\"" + md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
