package io.minewatch.ingest.rtmp;

import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.push.PushedCamera;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher's connection, after the handshake and chunk decoding: connect (application
 * {@code live} only), releaseStream / FCPublish / createStream (answered {@code _result}), publish
 * (the stream key names the camera; credentials checked, throttled per address like RTSP push; answered
 * onStatus NetStream.Publish.Start, or an error onStatus naming the reason and the connection closed),
 * FCUnpublish / deleteStream (the camera released). Video messages of the publish go through a
 * {@link FlvVideoUnpacker} into the camera's ring; audio and metadata are ignored; anything but H.264
 * ends the publish with the reason. A connection with no video for the idle timeout is closed. Runs on
 * the connection's event loop; never blocks (the throttle's delay is a scheduled task, reading paused).
 */
final class RtmpPublishHandler extends ChannelInboundHandlerAdapter implements PushedCamera.Holder {
    private static final Logger log = LoggerFactory.getLogger(RtmpPublishHandler.class);

    private final RtmpContext rtmp;
    private ChannelHandlerContext ctx;
    private String app;
    private PushedCamera camera;
    private FlvVideoUnpacker unpacker;
    private boolean publishing;
    private boolean held;
    private ScheduledFuture<?> heldTask;
    private ScheduledFuture<?> idleCheck;
    private volatile long lastMedia = System.nanoTime();

    RtmpPublishHandler(RtmpContext rtmp) {
        this.rtmp = rtmp;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastMedia = System.nanoTime();
        long idle = rtmp.idleTimeout().toMillis();
        long period = Math.max(50, Math.min(1000, idle / 4));
        idleCheck = ctx.executor().scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    private void checkIdle() {
        long quiet = System.nanoTime() - lastMedia;
        if (!held && quiet > rtmp.idleTimeout().toNanos() && ctx.channel().isActive()) {
            log.info("rtmp from {}{}: no video for {} ms; closing", ctx.channel().remoteAddress(),
                    camera == null ? "" : " to camera " + camera.camera(), quiet / 1_000_000);
            rtmp.metrics().closed("idle");
            ctx.close();
        }
    }

    @Override
    public long lastMedia() {
        return lastMedia;
    }

    @Override
    public void evict(String reason) {
        ctx.executor().execute(() -> {
            log.info("rtmp from {} to camera {}: {}; closing", ctx.channel().remoteAddress(),
                    camera == null ? "?" : camera.camera(), reason);
            ctx.close();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof RtmpMessage m) || !ctx.channel().isActive()) {
                return;
            }
            switch (m.type()) {
                case RtmpMessage.COMMAND_AMF0, RtmpMessage.COMMAND_AMF3 -> {
                    if (held) {
                        // A client that sends again before its publish was answered is not waiting: no queueing.
                        rtmp.metrics().closed("pipelined");
                        ctx.close();
                        return;
                    }
                    ByteBuf p = m.content();
                    if (m.type() == RtmpMessage.COMMAND_AMF3 && p.isReadable()) {
                        p.skipBytes(1);
                    }
                    command(Amf0.readAll(p));
                }
                case RtmpMessage.VIDEO -> video(m);
                case RtmpMessage.USER_CONTROL -> userControl(m.content());
                default -> {
                    // audio, metadata and anything else: not needed
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void userControl(ByteBuf p) {
        if (p.readableBytes() >= 6 && p.getUnsignedShort(p.readerIndex()) == 6) {
            send(RtmpReplies.pong(ctx.alloc(), p.getInt(p.readerIndex() + 2)));
        }
    }

    private void command(List<Object> values) {
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new DecoderException("RTMP command without a name");
        }
        double txid = values.size() > 1 && values.get(1) instanceof Number n ? n.doubleValue() : 0;
        switch (name) {
            case "connect" -> connect(txid, values.size() > 2 ? values.get(2) : null);
            case "releaseStream", "FCPublish" -> send(RtmpReplies.result(ctx.alloc(), txid, null));
            case "createStream" -> send(RtmpReplies.result(ctx.alloc(), txid, (double) RtmpReplies.STREAM_ID));
            case "publish" -> publish(txid, values.size() > 3 && values.get(3) instanceof String s ? s : null);
            case "FCUnpublish", "deleteStream", "closeStream" -> unpublish("publisher ended the stream");
            default -> log.debug("rtmp from {}: command {} ignored", ctx.channel().remoteAddress(),
                    name.length() > 32 ? name.substring(0, 32) : name);
        }
    }

    private void connect(double txid, Object commandObject) {
        Object a = commandObject instanceof Map<?, ?> m ? m.get("app") : null;
        String asked = a instanceof String s ? s : "";
        int q = asked.indexOf('?');
        String bare = (q < 0 ? asked : asked.substring(0, q)).replaceAll("/+$", "");
        if (!RtmpConfig.APP.equals(bare)) {
            rtmp.metrics().closed("bad_app");
            ctx.writeAndFlush(RtmpReplies.error(ctx.alloc(), txid, "NetConnection.Connect.Rejected",
                    "unknown application; publish to rtmp://host:port/" + RtmpConfig.APP + "/<camera id>"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        app = bare;
        send(RtmpReplies.windowAckSize(ctx.alloc()));
        send(RtmpReplies.peerBandwidth(ctx.alloc()));
        send(RtmpReplies.connected(ctx.alloc(), txid));
    }

    private void publish(double txid, String name) {
        if (app == null || publishing) {
            refuse("NetStream.Publish.BadConnection", app == null ? "connect first" : "already publishing", "corrupt");
            return;
        }
        StreamKey key = StreamKey.parse(name);
        if (!rtmp.config().requiresAuth()) {
            decide(key);
            return;
        }
        long wait = rtmp.throttle().reserve(address(), System.nanoTime());
        if (wait < 0) {
            rtmp.metrics().closed("throttled");
            ctx.close();
            return;
        }
        if (wait == 0) {
            decide(key);
            return;
        }
        held = true;
        ctx.channel().config().setAutoRead(false);
        heldTask = ctx.executor().schedule(() -> {
            held = false;
            heldTask = null;
            if (ctx.channel().isActive()) {
                decide(key);
                ctx.channel().config().setAutoRead(true);
            }
        }, wait, TimeUnit.NANOSECONDS);
    }

    /** Judges a publish (after the throttle's delay, which counted it as a failure in advance). */
    private void decide(StreamKey key) {
        long now = System.nanoTime();
        RtmpConfig c = rtmp.config();
        if (c.requiresAuth()) {
            if (!key.matches(c.username(), c.password())) {
                rtmp.metrics().authRefused(key.hasCredentials() ? "wrong_credentials" : "no_credentials");
                log.info("rtmp from {}: publish to {} refused: {} credentials", ctx.channel().remoteAddress(),
                        key.shownCamera(), key.hasCredentials() ? "wrong" : "no");
                refuse("NetStream.Publish.Unauthorized", "wrong or missing credentials (add ?user=...&pass=... to "
                        + "the stream key)", null);
                return;
            }
            rtmp.throttle().forgive(address(), now);
        }
        PushedCamera target = rtmp.cameras().get(key.camera());
        if (target == null) {
            log.warn("rtmp from {}: unknown camera {}", ctx.channel().remoteAddress(), key.shownCamera());
            refuse("NetStream.Publish.BadName", "no RTMP camera " + key.shownCamera(), "unknown_camera");
            return;
        }
        PushedCamera.Claim claim = target.claim(this, now);
        if (claim == null) {
            log.warn("rtmp publish to camera {} refused: another publisher is active", target.camera());
            refuse("NetStream.Publish.BadName", "camera " + target.camera() + " is being published by another "
                    + "connection", "busy");
            return;
        }
        if (claim.replaced() != null) {
            rtmp.metrics().closed("replaced");
            log.info("camera {}: rtmp publish from {} replaces a publisher that had sent no video recently",
                    target.camera(), ctx.channel().remoteAddress());
        }
        camera = target;
        lastMedia = now;
        unpacker = new FlvVideoUnpacker(claim.epoch(), au -> {
            lastMedia = System.nanoTime();
            camera.media();
            camera.ring().write(au);
        }, target.metrics());
        publishing = true;
        target.metrics().transport(1);
        send(RtmpReplies.streamBegin(ctx.alloc(), RtmpReplies.STREAM_ID));
        send(RtmpReplies.onStatus(ctx.alloc(), "status", "NetStream.Publish.Start",
                "publishing camera " + target.camera()));
        log.info("camera {}: rtmp publish from {}", target.camera(), ctx.channel().remoteAddress());
    }

    private void video(RtmpMessage m) {
        if (!publishing || !camera.holds(this)) {
            return;
        }
        String refusal = unpacker.video(m.content(), m.timestamp(), System.currentTimeMillis() * 1000L);
        if (refusal != null) {
            log.warn("camera {}: rtmp publish from {} refused: {}", camera.camera(), ctx.channel().remoteAddress(),
                    refusal);
            refuse("NetStream.Publish.Rejected", refusal, "unsupported_codec");
        }
    }

    private void unpublish(String reason) {
        if (publishing) {
            publishing = false;
            camera.release(this, reason);
        }
    }

    /** Answers an error onStatus naming why and closes once it is written. */
    private void refuse(String code, String description, String closedReason) {
        if (closedReason != null) {
            rtmp.metrics().closed(closedReason);
        }
        unpublish("publish refused");
        ctx.writeAndFlush(RtmpReplies.onStatus(ctx.alloc(), "error", code, description))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void send(RtmpMessage m) {
        if (!ctx.channel().isWritable()) {
            // Answers pile up unread: the client is not a publisher waiting for them.
            m.release();
            rtmp.metrics().closed("unread_answers");
            ctx.close();
            return;
        }
        ctx.writeAndFlush(m);
    }

    private InetAddress address() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /**
     * Sorts failures: I/O errors close quietly, a corrupt handshake, chunk or command closes with a
     * reason ({@code corrupt}), anything else is a bug: counted ({@code ingest.rtmp.errors}), logged, closed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("rtmp from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof DecoderException) {
            rtmp.metrics().closed("corrupt");
            String why = String.valueOf(cause.getCause() != null && cause.getMessage() == null
                    ? cause.getCause().getMessage() : cause.getMessage());
            log.info("rtmp from {}: {}; closing", ctx.channel().remoteAddress(),
                    why.length() > 200 ? why.substring(0, 200) : why);
        } else {
            rtmp.metrics().unexpected();
            log.warn("rtmp from {}: unexpected failure; closing", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (heldTask != null) {
            heldTask.cancel(false);
            heldTask = null;
        }
        unpublish("publisher disconnected");
        ctx.fireChannelInactive();
    }
}
