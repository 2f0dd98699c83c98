package io.minewatch.server.video;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The writes of one tick of {@link VideoTicker}, gathered by event loop and handed over as one task per
 * loop: one wake-up of each loop per tick instead of one per viewer and segment, and one flush per
 * channel (one {@code writev} for all it got in the tick). Each channel's messages keep their order.
 * Used by the ticker thread only.
 */
final class Outbox {
    private Map<EventLoop, List<Out>> byLoop = new IdentityHashMap<>();

    /** One message for a channel; {@code close}: close the channel once it is written. */
    private record Out(Channel channel, Object message, boolean close) {
    }

    /** Queues a message (its reference is handed over). */
    void write(Channel channel, Object message) {
        add(new Out(channel, message, false));
    }

    /** Queues a message after which the channel is closed. */
    void writeAndClose(Channel channel, Object message) {
        add(new Out(channel, message, true));
    }

    private void add(Out out) {
        byLoop.computeIfAbsent(out.channel().eventLoop(), l -> new ArrayList<>()).add(out);
    }

    /** Hands everything queued to the channels' event loops (one task each). */
    void send() {
        if (byLoop.isEmpty()) {
            return;
        }
        Map<EventLoop, List<Out>> batch = byLoop;
        byLoop = new IdentityHashMap<>();
        batch.forEach((loop, outs) -> {
            try {
                loop.execute(() -> run(outs));
            } catch (RejectedExecutionException stopped) {
                // The HTTP server is stopping: nothing can be sent any more.
                outs.forEach(o -> ReferenceCountUtil.release(o.message()));
            }
        });
    }

    /** On the event loop: writes in order, then flushes each channel once. */
    private static void run(List<Out> outs) {
        List<Channel> written = new ArrayList<>(4);
        for (Out o : outs) {
            if (o.close()) {
                o.channel().writeAndFlush(o.message()).addListener(ChannelFutureListener.CLOSE);
                written.remove(o.channel());
            } else {
                o.channel().write(o.message(), o.channel().voidPromise());
                if (!written.contains(o.channel())) {
                    written.add(o.channel());
                }
            }
        }
        for (Channel c : written) {
            c.flush();
        }
    }
}
