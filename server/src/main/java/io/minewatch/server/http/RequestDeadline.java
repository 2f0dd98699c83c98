package io.minewatch.server.http;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadline for a request to arrive whole: armed when the connection opens and by the first bytes
 * of each later request, disarmed when the whole request is decoded. A client that dribbles its
 * headers (slowloris) or never finishes them is closed when it passes, and counted. The time a
 * response takes to send is not limited here; an idle connection between requests is the idle
 * handler's affair.
 *
 * <p>One per connection; its two halves sit before the HTTP decoder ({@link #bytesIn()}) and after
 * the aggregator ({@link #requestIn()}). Both run on the connection's event loop, so no locks.
 */
final class RequestDeadline {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final long timeoutMillis;
    private final Counter timeouts;
    private ScheduledFuture<?> timer;
    /** A streamed body is being read: its bytes do not arm the deadline (the idle handler watches it). */
    private boolean suspended;

    RequestDeadline(long timeoutMillis, Counter timeouts) {
        this.timeoutMillis = timeoutMillis;
        this.timeouts = timeouts;
    }

    /** Before the decoder: arms the deadline on connect and on the first bytes of a request. */
    ChannelHandler bytesIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                arm(ctx);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                arm(ctx);
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
    }

    /** After the aggregator: a whole request arrived in time. */
    ChannelHandler requestIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof FullHttpRequest) {
                    disarm();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** The head of a streamed request arrived whole: disarmed until {@link #resume()}. */
    void suspend() {
        disarm();
        suspended = true;
    }

    /** The streamed request was answered: the next request's first bytes arm the deadline again. */
    void resume() {
        suspended = false;
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer == null && !suspended && ctx.channel().isActive()) {
            timer = ctx.executor().schedule(() -> expired(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired(ChannelHandlerContext ctx) {
        timer = null;
        timeouts.increment();
        log.debug("http: {} sent no whole request within {} ms: closed", ctx.channel().remoteAddress(), timeoutMillis);
        ctx.close();
    }
}
