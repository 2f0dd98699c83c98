package io.minewatch.ingest.rtsp;

import java.util.Locale;

/**
 * What a SETUP answer says: the session id and its timeout ({@code Session: id;timeout=N}), and from
 * its {@code Transport} header whether RTP is interleaved in the connection and on which channels.
 *
 * @param session     the session id
 * @param timeoutS    the session timeout, seconds (60 when not given; bounded to 5..3600)
 * @param tcp         whether the answer's transport is TCP (interleaved)
 * @param rtpChannel  the interleaved channel of RTP (0 when not given)
 * @param rtcpChannel the interleaved channel of RTCP (RTP's + 1 when not given)
 * @param transport   the Transport header, shortened for messages
 */
record SetupAnswer(String session, int timeoutS, boolean tcp, int rtpChannel, int rtcpChannel, String transport) {
    private static final int DEFAULT_TIMEOUT_S = 60;

    /** Parses the answer's {@code Session} and {@code Transport} headers (either may be null). */
    static SetupAnswer parse(String sessionHeader, String transportHeader) throws RtspException {
        if (sessionHeader == null || sessionHeader.isBlank() || sessionHeader.length() > 256) {
            throw new RtspException("SETUP answer has no usable Session header");
        }
        String[] parts = sessionHeader.split(";");
        int timeoutS = DEFAULT_TIMEOUT_S;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("timeout=")) {
                timeoutS = Math.max(5, Math.min(3600, RtspValues.parseInt(p.substring(8), DEFAULT_TIMEOUT_S)));
            }
        }
        String t = transportHeader == null ? "" : transportHeader;
        int rtp = 0;
        int rtcp = 1;
        for (String p : t.split(";")) {
            p = p.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("interleaved=")) {
                String[] ch = p.substring(12).split("-");
                rtp = RtspValues.parseInt(ch[0], 0);
                rtcp = ch.length > 1 ? RtspValues.parseInt(ch[1], rtp + 1) : rtp + 1;
            }
        }
        return new SetupAnswer(parts[0].strip(), timeoutS, t.toUpperCase(Locale.ROOT).contains("TCP"), rtp, rtcp,
                Sdp.shorten(t));
    }
}
