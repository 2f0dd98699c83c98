package io.minewatch.ingest.rtsp;

import io.minewatch.config.Redact;
import io.minewatch.ingest.rtp.VideoCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-shot RTSP {@code DESCRIBE} of a camera, for registering it: connects (with a deadline over the
 * whole exchange), answers one 401 with Digest or Basic like the ingest does, and reads the SDP. Blocking:
 * call it on a worker thread, never on an event loop. Every failure is one {@link Failure} with a
 * message that holds no credential.
 */
public final class RtspProbe {
    /** Most bytes of an answer's headers. */
    private static final int MAX_HEADERS = 16 * 1024;

    /** Why a probe failed. */
    public enum Failure {
        /** Not an rtsp:// URL with a host. */
        BAD_URL,
        /** No answer: unknown host, connection refused, timed out, or not an RTSP server. */
        UNREACHABLE,
        /** The camera asks for credentials and none were given. */
        CREDENTIALS_NEEDED,
        /** The camera refused the credentials given. */
        CREDENTIALS_REFUSED,
        /** The stream has no video track. */
        NO_VIDEO,
        /** The video track's codec is neither H.264 nor H.265. */
        UNSUPPORTED_CODEC,
        /** Any other refusal (e.g. 404 for a wrong path). */
        REFUSED
    }

    /** A failed probe. */
    public static final class ProbeException extends Exception {
        private final Failure failure;

        public ProbeException(Failure failure, String message) {
            super(Redact.text(message), null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * What the camera described.
     *
     * @param codec         the first video track's codec
     * @param track         that track
     * @param authenticated whether credentials were needed (and accepted)
     */
    public record Description(VideoCodec codec, MediaTrack track, boolean authenticated) {
    }

    private RtspProbe() {
    }

    /**
     * Describes the stream at {@code url}; {@code user}/{@code password} (either may be null) take the
     * place of any in the URL.
     */
    public static Description describe(String url, String user, String password, Duration timeout)
            throws ProbeException {
        RtspUrl u;
        try {
            u = RtspUrl.parse(url);
        } catch (RtspException e) {
            throw new ProbeException(Failure.BAD_URL, e.getMessage());
        }
        String name = user != null && !user.isEmpty() ? user : u.user();
        String secret = password != null && !password.isEmpty() ? password : u.password();
        Redact.remember(secret);
        long deadline = System.nanoTime() + timeout.toNanos();
        String where = u.host() + ":" + u.port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(u.host(), u.port()), millisLeft(deadline));
            Answer a = exchange(socket, u.request(), 1, null, deadline);
            boolean authenticated = false;
            if (a.status == 401) {
                if (name == null) {
                    throw new ProbeException(Failure.CREDENTIALS_NEEDED, "the camera at " + where
                            + " asks for a user name and password");
                }
                Authenticator auth;
                try {
                    auth = Authenticator.forChallenges(name, secret == null ? "" : secret, a.challenges);
                } catch (RtspException e) {
                    throw new ProbeException(Failure.REFUSED, e.getMessage());
                }
                a = exchange(socket, u.request(), 2, auth.header("DESCRIBE", u.request()), deadline);
                if (a.status == 401 || a.status == 403) {
                    throw new ProbeException(Failure.CREDENTIALS_REFUSED, "the camera at " + where
                            + " refused the user name and password (" + a.status + ")");
                }
                authenticated = true;
            }
            if (a.status != 200) {
                throw new ProbeException(Failure.REFUSED, "the camera at " + where + " answered DESCRIBE with "
                        + a.status + " " + Problem.clip(a.reason));
            }
            Sdp sdp;
            try {
                sdp = Sdp.parse(a.body);
            } catch (RtspException e) {
                throw new ProbeException(Failure.REFUSED, "the camera at " + where + " sent an unusable SDP: "
                        + e.getMessage());
            }
            MediaTrack video = null;
            List<String> offered = new ArrayList<>();
            for (MediaTrack t : sdp.tracks()) {
                if ("video".equals(t.media())) {
                    offered.add(t.encoding());
                    if (video == null && t.codec() != null) {
                        video = t;
                    }
                }
            }
            if (offered.isEmpty()) {
                throw new ProbeException(Failure.NO_VIDEO, "the stream at " + where + " has no video track");
            }
            if (video == null) {
                throw new ProbeException(Failure.UNSUPPORTED_CODEC, "the stream at " + where + " offers video as "
                        + Problem.clip(String.join(", ", offered)) + "; minewatch takes H.264 or H.265");
            }
            return new Description(video.codec(), video, authenticated);
        } catch (UnknownHostException e) {
            throw new ProbeException(Failure.UNREACHABLE, "unknown host " + Problem.clip(u.host()));
        } catch (ConnectException e) {
            throw new ProbeException(Failure.UNREACHABLE, "no RTSP server at " + where + " (connection refused)");
        } catch (SocketTimeoutException e) {
            throw new ProbeException(Failure.UNREACHABLE, "no answer from " + where + " within "
                    + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new ProbeException(Failure.UNREACHABLE, "cannot talk RTSP to " + where + ": "
                    + Problem.clip(String.valueOf(e.getMessage())));
        }
    }

    private record Answer(int status, String reason, List<String> challenges, String body) {
    }

    private static Answer exchange(Socket socket, String request, int cseq, String authorization, long deadline)
            throws IOException, ProbeException {
        StringBuilder req = new StringBuilder("DESCRIBE ").append(request).append(" RTSP/1.0\r\nCSeq: ")
                .append(cseq).append("\r\nAccept: application/sdp\r\nUser-Agent: minewatch-probe\r\n");
        if (authorization != null) {
            req.append("Authorization: ").append(authorization).append("\r\n");
        }
        req.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(millisLeft(deadline));
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("RTSP/")) {
            throw new ProbeException(Failure.UNREACHABLE, "not an RTSP server at "
                    + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new ProbeException(Failure.UNREACHABLE, "not an RTSP answer");
        }
        List<String> challenges = new ArrayList<>();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (key.equals("www-authenticate")) {
                challenges.add(value);
            } else if (key.equals("content-length")) {
                try {
                    length = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    length = 0;
                }
            }
        }
        if (length < 0 || length > Sdp.MAX_BYTES) {
            throw new ProbeException(Failure.REFUSED, "SDP too large (" + length + " bytes)");
        }
        byte[] body = in.readNBytes(length);
        return new Answer(code, status.length > 2 ? status[2] : "", challenges,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer");
            }
            buf.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (buf.size() > MAX_HEADERS) {
                throw new IOException("answer headers too long");
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Short, one-line pieces of what a camera said. */
    private static final class Problem {
        static String clip(String s) {
            String one = s.replaceAll("\\p{Cntrl}", " ").strip();
            return one.length() > 80 ? one.substring(0, 80) + "..." : one;
        }
    }
}
