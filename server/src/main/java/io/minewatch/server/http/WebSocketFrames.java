package io.minewatch.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.TimeUnit;

/**
 * The control frames of an upgraded connection: answers a ping with a pong, a close with a close,
 * pings a client that has sent nothing for {@value #PING_AFTER_S} s and closes (1001) one that has
 * sent nothing, not even a pong, for {@value #SILENT_PINGS} such periods. Data frames go on to the
 * endpoint's handlers (the pipeline's tail releases what nobody takes).
 */
public final class WebSocketFrames extends ChannelInboundHandlerAdapter {
    static final String NAME = "ws-frames";
    static final int PING_AFTER_S = 25;
    static final int SILENT_PINGS = 3;
    /** A close frame that the client does not take within this time: the connection is dropped. */
    private static final int CLOSE_GRACE_S = 2;

    private int silent;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silent = 0;
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            close.release();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
            if (++silent >= SILENT_PINGS) {
                close(ctx.channel(), 1001, "idle");
            } else {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * Sends a close frame with this status and reason, then closes the connection; one whose client
     * does not take the frame within a short grace (a full send buffer) is closed anyway. Any thread.
     */
    public static void close(Channel channel, int status, String reason) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        try {
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, CLOSE_GRACE_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The server is stopping and its event loop no longer takes tasks: no grace to wait for.
            channel.close();
        }
    }
}
