package io.minewatch.ingest.push;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * First in every push pipeline: closes a connection at once when its address already has
 * {@value #PER_ADDRESS} open, or the server {@value #TOTAL}, so one host cannot hold sockets (or
 * queued authentication attempts) without bound. Shared by all connections; thread-safe.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    /** The most connections from one address. */
    static final int PER_ADDRESS = 16;
    /** The most connections in all. */
    static final int TOTAL = 256;
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(ConnectionLimiter.class, "refused");

    private final java.util.function.Consumer<String> refused;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private int total;

    ConnectionLimiter(PushMetrics metrics) {
        this(metrics::closed);
    }

    /** A limiter that reports each refused connection as {@code refused.accept("too_many_connections")}. */
    public ConnectionLimiter(java.util.function.Consumer<String> refused) {
        this.refused = refused;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!admit(address(ctx))) {
            refused.accept("too_many_connections");
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(REFUSED).get() == null) {
            leave(address(ctx));
        }
        ctx.fireChannelInactive();
    }

    private synchronized boolean admit(InetAddress a) {
        int n = a == null ? 0 : open.getOrDefault(a, 0);
        if (total >= TOTAL || n >= PER_ADDRESS) {
            return false;
        }
        total++;
        if (a != null) {
            open.put(a, n + 1);
        }
        return true;
    }

    private synchronized void leave(InetAddress a) {
        total--;
        if (a != null) {
            open.computeIfPresent(a, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connections open now (for tests). */
    public synchronized int open() {
        return total;
    }

    private static InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress s ? s.getAddress() : null;
    }
}
