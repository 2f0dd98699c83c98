package io.minewatch.server.http;

import io.minewatch.server.auth.Authenticator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed request of a connection ({@link StreamedRequests}): its checks, the body pieces waiting
 * to be written, and the write in flight. Its state is touched on the connection's event loop only;
 * the checks run on the request pool and the writes on the body pool, each handing back to the loop.
 */
final class StreamedBody {
    private static final Logger log = LoggerFactory.getLogger(StreamedBody.class);
    /** Body bytes a connection reads ahead of its write in flight before it stops reading. */
    static final int HIGH_WATER = 1 << 20;

    private final Authenticator auth;
    private final HttpWorkers workers;
    private final RequestDeadline deadline;
    /** Takes a message that arrived after the body's end, to be replayed once it is answered. */
    private final Consumer<Object> hold;
    /** Called on the event loop once the body is answered and the connection stays. */
    private final Runnable finished;

    private final ChannelHandlerContext ctx;
    private final HttpRequest head;
    private final Router.Found found;
    private final ArrayDeque<HttpContent> pending = new ArrayDeque<>();
    private Exchange ex;
    private Call call;
    private BodyReceiver receiver;
    private boolean lastSeen;
    private long pendingBytes;
    private boolean writing;
    /** Refused, failed or lost: nothing more is written, what arrives is released. */
    private boolean over;
    private boolean aborted;
    /** Why the body failed, once it has. */
    private Exception failed;

    StreamedBody(ChannelHandlerContext ctx, HttpRequest head, Router.Found found, Authenticator auth,
                 HttpWorkers workers, RequestDeadline deadline, Consumer<Object> hold, Runnable finished) {
        this.ctx = ctx;
        this.head = head;
        this.found = found;
        this.auth = auth;
        this.workers = workers;
        this.deadline = deadline;
        this.hold = hold;
        this.finished = finished;
    }

    void start(Object msg) {
        deadline.suspend();
        ctx.channel().config().setAutoRead(false);
        FullHttpRequest request = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
        ClientLimits.Permit permit = workers.limits.tryAcquire(HttpApiHandler.address(ctx));
        ex = new Exchange(ctx, request, permit == null ? workers.limits.unlimited() : permit);
        // Until a receiver takes the body, any answer closes the connection (its body is never read).
        ex.closeAfterAnswer(true);
        if (msg instanceof HttpContent c) {
            arrived(c);
        }
        if (permit == null) {
            workers.clientLimited.increment();
            refuse(HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests in progress from your address");
            return;
        }
        try {
            workers.requests.execute(this::check);
        } catch (RejectedExecutionException e) {
            workers.busy.increment();
            refuse(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy");
        }
    }

    private void refuse(HttpResponseStatus status, String message) {
        ex.closeAfterAnswer(true);
        ex.error(status, message);
        ended();
    }

    /** On the request pool: the route's checks, then its decision on the headers. */
    private void check() {
        Call c = null;
        BodyReceiver r = null;
        try {
            HttpApiHandler.Admitted admitted = HttpApiHandler.admit(auth, found.route(), ex);
            if (admitted != null) {
                c = new Call(ex, admitted.session(), found.params(), new QueryStringDecoder(head.uri()),
                        HttpApiHandler.address(ctx), workers);
                r = ((StreamedRoute) found.route().handler()).open(c);
            }
        } catch (BadRequest e) {
            ex.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (Refused e) {
            e.answer(ex);
        } catch (Exception e) {
            log.warn("http: {} {} failed", head.method(), found.route().template(), e);
            ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
        if (r == null && !ex.answered()) {
            log.warn("http: {} {} left unanswered: closed", head.method(), found.route().template());
            ex.abandon();
        }
        Call opened = c;
        BodyReceiver taken = r;
        ctx.executor().execute(() -> decided(opened, taken));
    }

    /** On the event loop: the route took the body (receiver) or answered. */
    private void decided(Call c, BodyReceiver r) {
        if (r == null) {
            ended();
            return;
        }
        call = c;
        receiver = r;
        if (over) {
            abort(null);
            return;
        }
        ex.closeAfterAnswer(false);
        if (HttpUtil.is100ContinueExpected(head)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        drain();
    }

    void arrived(Object msg) {
        if (over) {
            ReferenceCountUtil.release(msg);
        } else if (!lastSeen && msg instanceof HttpContent c) {
            pending.add(c);
            pendingBytes += c.content().readableBytes();
            lastSeen = msg instanceof LastHttpContent;
            if (!c.decoderResult().isSuccess()) {
                fail(new Refused(HttpResponseStatus.BAD_REQUEST, "malformed request body"));
            }
        } else {
            hold.accept(msg);
        }
    }

    /**
     * Hands what has arrived to the body pool when no write is in flight, and asks for the next read
     * while less than {@value #HIGH_WATER} bytes wait: a connection holds at most about twice that.
     */
    void drain() {
        if (over || receiver == null) {
            return;
        }
        if (!writing && !pending.isEmpty()) {
            List<HttpContent> batch = new ArrayList<>(pending);
            pending.clear();
            pendingBytes = 0;
            boolean last = lastSeen;
            writing = true;
            try {
                workers.bodies.execute(() -> write(batch, last));
            } catch (RejectedExecutionException e) {
                batch.forEach(ReferenceCountUtil::release);
                writing = false;
                workers.busy.increment();
                fail(new Refused(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy"));
                return;
            }
        }
        if (!lastSeen && pendingBytes < HIGH_WATER) {
            ctx.read();
        }
    }

    /** On the body pool: one batch written (one gathering write), and the answer when it held the end. */
    private void write(List<HttpContent> batch, boolean last) {
        Exception failure = null;
        CompositeByteBuf all = Unpooled.compositeBuffer(batch.size() + 1);
        try {
            for (HttpContent c : batch) {
                if (c.content().isReadable()) {
                    all.addComponent(true, c.content().retain());
                }
            }
            if (all.isReadable()) {
                receiver.write(all);
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            all.release();
            batch.forEach(ReferenceCountUtil::release);
        }
        boolean ended = failure == null && last && ctx.channel().isActive();
        if (ended) {
            try {
                receiver.end(call);
            } catch (Exception e) {
                log.warn("http: {} {} failed at its end", head.method(), found.route().template(), e);
                ex.closeAfterAnswer(true);
                ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
        }
        Exception failed = failure;
        ctx.executor().execute(() -> written(failed, ended));
    }

    /** On the event loop, after a write; {@code ended}: the receiver took the end and answered. */
    private void written(Exception failure, boolean ended) {
        writing = false;
        if (ended) {
            over = true;
            aborted = true; // the receiver is done: never aborted after its end
            if (ctx.channel().isActive()) {
                finished.run();
            }
            return;
        }
        if (failure != null && failed == null) {
            failed = failure;
            ended();
        }
        if (failed != null) {
            settle();
        } else if (!ctx.channel().isActive() || lastSeen && pending.isEmpty()) {
            lost(); // gone before the end could be answered
        } else {
            drain();
        }
    }

    /** The body was refused or failed: once no write is in flight, abort the receiver, then answer and close. */
    private void fail(Exception failure) {
        if (failed != null || aborted) {
            return;
        }
        failed = failure;
        ended();
        if (!writing) {
            settle();
        }
    }

    private void settle() {
        if (receiver == null) {
            ex.closeAfterAnswer(true);
            answer(failed);
        } else {
            abort(failed);
        }
    }

    /** The connection went: abort the receiver (after the write in flight) and free the permit. */
    void lost() {
        if (!over) {
            ended();
        }
        if (!writing && receiver != null) {
            abort(null);
        }
        ex.abandon();
    }

    /** No more of this body is taken: release what waits, keep releasing what comes. */
    private void ended() {
        over = true;
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        pendingBytes = 0;
    }

    /** Aborts the receiver once, on the body pool, then answers the failure (if any) and closes. */
    private void abort(Exception failure) {
        if (aborted) {
            return;
        }
        aborted = true;
        Runnable work = () -> {
            try {
                receiver.abort();
            } catch (RuntimeException e) {
                log.warn("http: {} {}: abort failed", head.method(), found.route().template(), e);
            }
            if (failure != null) {
                ex.closeAfterAnswer(true);
                answer(failure);
            }
        };
        try {
            workers.bodies.execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    private void answer(Exception failure) {
        if (failure instanceof Refused r) {
            r.answer(ex);
        } else if (failure instanceof IOException) {
            log.warn("http: {} {}: write failed: {}", head.method(), found.route().template(), failure.toString());
            ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "could not store the body");
        } else {
            log.warn("http: {} {} failed", head.method(), found.route().template(), failure);
            ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }
}
