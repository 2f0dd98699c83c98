package io.minewatch.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its answer. Answered once; the request's buffer is released when it is, and the
 * client's permit ({@link ClientLimits.Permit}) when the answer's last byte has gone or the
 * connection failed, so that a download counts against its client for as long as it runs.
 */
final class Exchange {
    private static final ObjectMapper BODIES = new ObjectMapper();
    static final String JSON = "application/json; charset=utf-8";

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final ClientLimits.Permit permit;
    private final boolean head;
    private final boolean keepAlive;
    private final AtomicBoolean answered = new AtomicBoolean();
    /** The connection closes after the answer (a streamed request refused before its body was read). */
    private volatile boolean closeAfter;

    /** @param request retained by the caller; released here once answered */
    Exchange(ChannelHandlerContext ctx, FullHttpRequest request, ClientLimits.Permit permit) {
        this.ctx = ctx;
        this.request = request;
        this.permit = permit;
        this.head = request.method().equals(HttpMethod.HEAD);
        this.keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    }

    FullHttpRequest request() {
        return request;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    boolean answered() {
        return answered.get();
    }

    /** Whether the connection is closed after the answer, whatever the request asked. */
    void closeAfterAnswer(boolean close) {
        this.closeAfter = close;
    }

    /** A small JSON error answer. */
    void error(HttpResponseStatus status, String message) {
        send(errorResponse(status, message));
    }

    /** A JSON error answer, {@code {"error": message}}, the message escaped by Jackson. */
    static FullHttpResponse errorResponse(HttpResponseStatus status, String message) {
        return response(status, JSON, BODIES.createObjectNode().put("error", message).toString());
    }

    /** A small answer with this body. */
    void send(HttpResponseStatus status, String type, String body) {
        send(response(status, type, body));
    }

    /** Sends a prepared answer; a HEAD gets the headers only. */
    void send(FullHttpResponse r) {
        if (!claim()) {
            r.release();
            return;
        }
        if (head) {
            r.content().clear();
        }
        boolean keep = keepAlive && !closeAfter;
        HttpUtil.setKeepAlive(r, keep);
        ChannelFuture done = ctx.writeAndFlush(r);
        if (!keep) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
        done.addListener(f -> permit.release());
    }

    /** Sends a file answer planned by {@link FileResponder#plan}. */
    void send(FileResponder.Answer answer) throws IOException {
        if (!claim()) {
            return;
        }
        try {
            answer.send(ctx).addListener(f -> permit.release());
        } catch (IOException | RuntimeException e) {
            permit.release();
            ctx.close();
            throw e;
        }
    }

    /** Nothing could be answered (a bug): close the connection and free what the request held. */
    void abandon() {
        if (claim()) {
            permit.release();
            ctx.close();
        }
    }

    private boolean claim() {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        request.release();
        return true;
    }

    static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        return response(status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static FullHttpResponse response(HttpResponseStatus status, String type, byte[] bytes) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setContentLength(r, bytes.length);
        return r;
    }
}
