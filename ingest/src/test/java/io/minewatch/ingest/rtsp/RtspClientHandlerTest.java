package io.minewatch.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.RtpCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The client session against a scripted camera in an {@link EmbeddedChannel}: Digest after a 401,
 * audio never set up, keep-alives within the session timeout, a timeout on every step, redirects.
 */
class RtspClientHandlerTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=cam\r\na=control:*\r\n"
            + "m=audio 0 RTP/AVP 0\r\na=control:trackID=0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAH+kC,aM44gA==\r\na=control:trackID=1\r\n";

    private final List<String> events = new ArrayList<>();
    private final List<AccessUnit> units = new ArrayList<>();
    private EmbeddedChannel ch;

    private void connect(String url) throws RtspException {
        RtspClientHandler h = new RtspClientHandler(RtspUrl.parse(url), Transport.TCP, 10_000, new SessionListener() {
            @Override
            public void playing(String describe) {
                events.add("playing " + describe);
            }

            @Override
            public void data() {
            }

            @Override
            public void accessUnit(AccessUnit au) {
                units.add(au);
            }

            @Override
            public void redirect(String location) {
                events.add("redirect " + location);
            }

            @Override
            public void ended(String reason) {
                events.add("ended " + reason);
            }
        }, RtpCounters.NONE, 1);
        ch = new EmbeddedChannel();
        RtspClientInitializer.addCodec(ch);
        ch.pipeline().addLast(h);
        ch.pipeline().fireChannelActive();
    }

    private String request() {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    private void answer(String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static String header(String request, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": ([^\r\n]*)").matcher(request);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void digestThenSetupOfTheVideoTrackOnlyThenPlayAndKeepAlive() throws Exception {
        connect("rtsp://admin:secret@10.0.0.5:554/cam");
        String options = request();
        assertTrue(options.startsWith("OPTIONS rtsp://10.0.0.5:554/cam RTSP/1.0"), options);
        assertEquals("1", header(options, "CSeq"), "headers in their usual spelling: " + options);
        assertFalse(options.contains("secret"), "no credentials in the request line");
        answer("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n");
        String describe = request();
        assertTrue(describe.startsWith("DESCRIBE "), describe);
        answer("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n"
                + "WWW-Authenticate: Digest realm=\"cam\", nonce=\"abc123\"\r\n\r\n");
        String again = request();
        String auth = header(again, "Authorization");
        String ha1 = Authenticator.md5("admin:cam:secret");
        String ha2 = Authenticator.md5("DESCRIBE:rtsp://10.0.0.5:554/cam");
        assertTrue(auth.startsWith("Digest username=\"admin\""), auth);
        assertTrue(auth.contains("response=\"" + Authenticator.md5(ha1 + ":abc123:" + ha2) + "\""), auth);
        answer("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Base: rtsp://10.0.0.5:554/cam/\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP);
        String setup = request();
        assertTrue(setup.startsWith("SETUP rtsp://10.0.0.5:554/cam/trackID=1 RTSP/1.0"), setup);
        assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1", header(setup, "Transport"));
        assertTrue(header(setup, "Authorization").startsWith("Digest "), "credentials on every request");
        answer("RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 9f8e;timeout=20\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=2-3\r\n\r\n");
        String play = request();
        assertTrue(play.startsWith("PLAY rtsp://10.0.0.5:554/cam/ RTSP/1.0"), play);
        assertEquals("9f8e", header(play, "Session"));
        answer("RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 9f8e\r\n\r\n");
        assertEquals(List.of("playing H264 pt 96 over TCP"), events);

        // RTP on the channel the camera chose; one IDR makes one access unit.
        byte[] idr = {0x65, (byte) 0x88, 1, 2, 3};
        ByteBuf rtp = Unpooled.buffer().writeByte('$').writeByte(2).writeShort(12 + idr.length)
                .writeByte(0x80).writeByte(0x80 | 96).writeShort(1).writeInt(1000).writeInt(7).writeBytes(idr);
        ch.writeInbound(rtp);
        assertEquals(1, units.size());
        assertTrue(units.get(0).keyFrame());

        ch.advanceTimeBy(10, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        String keepAlive = request();
        assertTrue(keepAlive.startsWith("OPTIONS "), "keep-alive within the 20 s session timeout: " + keepAlive);
        assertEquals("9f8e", header(keepAlive, "Session"));
        ch.finishAndReleaseAll();
    }

    @Test
    void basicWhenItIsTheOnlySchemeOffered() throws Exception {
        connect("rtsp://admin:p%40ss@10.0.0.5/cam");
        request();
        answer("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n");
        String again = request();
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(
                "admin:p@ss".getBytes(StandardCharsets.UTF_8)), header(again, "Authorization"));
        answer("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n");
        request();
        answer("RTSP/1.0 401 Unauthorized\r\nCSeq: 3\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n");
        assertEquals(List.of("ended credentials refused (401 after 2 attempts)"), events);
        ch.finishAndReleaseAll();
    }

    @Test
    void everyStepHasATimeout() throws Exception {
        connect("rtsp://10.0.0.5/cam");
        request();
        answer("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        assertTrue(request().startsWith("DESCRIBE"));
        ch.advanceTimeBy(9, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive());
        assertEquals(List.of("ended no answer to DESCRIBE within 10000 ms"), events);
        ch.finishAndReleaseAll();
    }

    @Test
    void redirectsAreHandedToTheCamera() throws Exception {
        connect("rtsp://10.0.0.5/cam");
        request();
        answer("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        request();
        answer("RTSP/1.0 302 Moved\r\nCSeq: 2\r\nLocation: rtsp://10.0.0.6/cam\r\n\r\n");
        assertEquals(List.of("redirect rtsp://10.0.0.6/cam", "ended redirected"), events);
        ch.finishAndReleaseAll();
    }

    @Test
    void noVideoTrackOrNoCredentialsEndTheSessionWithAReason() throws Exception {
        connect("rtsp://10.0.0.5/cam");
        request();
        answer("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"x\", nonce=\"n\"\r\n\r\n");
        assertEquals(List.of("ended OPTIONS needs credentials (401) and the URL has none"), events);
        ch.finishAndReleaseAll();

        events.clear();
        connect("rtsp://10.0.0.5/cam");
        request();
        answer("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        request();
        String audioOnly = "v=0\r\nm=audio 0 RTP/AVP 0\r\n";
        answer("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: " + audioOnly.length() + "\r\n\r\n" + audioOnly);
        assertEquals(List.of("ended no H.264 or H.265 video track in the SDP (found: audio/?)"), events);
        assertNull(request());
        ch.finishAndReleaseAll();
    }
}
