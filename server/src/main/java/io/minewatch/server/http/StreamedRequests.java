package io.minewatch.server.http;

import io.minewatch.server.auth.Authenticator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sits between the HTTP codec and the aggregator, and takes the requests of {@link StreamedRoute}s
 * before they are gathered in memory; every other message passes on untouched. A streamed request is
 * checked like any route (client permit else 429, session, role, CSRF token: {@link HttpApiHandler#admit}),
 * then its route {@linkplain StreamedRoute#open opens} a {@link BodyReceiver} on the request pool.
 *
 * <p>Back-pressure: auto-read is off from the request's head until its answer. What has arrived is
 * handed to the body pool in one batch (one gathering write) while no write is in flight, and the next
 * socket read is asked for only while less than {@value StreamedBody#HIGH_WATER} bytes wait behind that write, so a
 * connection holds about two megabytes of body at most however fast the client sends and however slow
 * the disk. Nothing touches the disk on the event loop. A request refused
 * before its body is read is answered and its connection closed; a lost connection aborts the receiver
 * (an upload keeps what was written). Requests pipelined after a streamed body wait until it is answered.
 *
 * <p>One per connection; its state is touched on the connection's event loop only.
 */
final class StreamedRequests extends ChannelInboundHandlerAdapter {
    private final Router router;
    private final Authenticator auth;
    private final HttpWorkers workers;
    private final RequestDeadline deadline;
    /** The streamed request in progress, or null. */
    private StreamedBody body;
    /** Messages that arrived after the body's end, replayed once it is answered. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    StreamedRequests(Router router, Authenticator auth, HttpWorkers workers, RequestDeadline deadline) {
        this.router = router;
        this.auth = auth;
        this.workers = workers;
        this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (body != null) {
            body.arrived(msg);
            return;
        }
        if (msg instanceof HttpRequest req && req.decoderResult().isSuccess()) {
            Router.Found found = streamed(req);
            if (found != null) {
                body = new StreamedBody(ctx, req, found, auth, workers, deadline, held::add, () -> finished(ctx));
                body.start(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private Router.Found streamed(HttpRequest req) {
        String path;
        try {
            path = new QueryStringDecoder(req.uri()).path();
        } catch (IllegalArgumentException e) {
            return null;
        }
        return router.match(req.method(), path) instanceof Router.Found f && f.route().handler() instanceof StreamedRoute
                ? f : null;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (body != null) {
            body.drain();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.lost();
        }
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        ctx.fireChannelInactive();
    }

    /** The body was answered and its connection stays: back to ordinary requests, replaying what waited. */
    private void finished(ChannelHandlerContext ctx) {
        body = null;
        deadline.resume();
        List<Object> replay = new ArrayList<>(held);
        held.clear();
        for (Object m : replay) {
            channelRead(ctx, m);
        }
        if (body == null) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }
}
