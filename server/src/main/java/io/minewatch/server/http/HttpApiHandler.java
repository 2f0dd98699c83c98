package io.minewatch.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * Answers {@code GET /healthz}, {@code GET /metrics} and {@code GET /api/clips/<alert>}; everything
 * else is 404 or 405.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String CLIPS = "/api/clips/";
    private static final String ALERTS = "/api/alerts/";
    private static final String EVIDENCE = "/evidence.zip";
    /** Alert ids as the server makes them; anything else (a path, "..") is simply not found. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final HttpRoutes routes;
    private final Executor executor;

    /** @param executor runs each request off the event loop: routes may scrape metrics or read files */
    HttpApiHandler(HttpRoutes routes, Executor executor) {
        this.routes = routes;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        request.retain();
        try {
            executor.execute(() -> {
                try {
                    handle(ctx, request);
                } catch (RuntimeException e) {
                    ctx.fireExceptionCaught(e);
                } finally {
                    request.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // Overloaded or stopping: answer at once rather than queue without bound.
            try {
                send(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, JSON, error("busy"));
            } finally {
                request.release();
            }
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, HttpResponseStatus.BAD_REQUEST, JSON, error("malformed request"));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean clip = path.startsWith(CLIPS);
        boolean export = path.startsWith(ALERTS) && path.endsWith(EVIDENCE);
        boolean known = path.equals("/healthz") || path.equals("/metrics") || clip || export;
        if (!known) {
            send(ctx, request, HttpResponseStatus.NOT_FOUND, JSON, error("no such endpoint"));
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, JSON, error("use GET"));
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            write(ctx, request, r);
        } else if (clip) {
            serveClip(ctx, request, path.substring(CLIPS.length()));
        } else if (export) {
            serveEvidence(ctx, request, path.substring(ALERTS.length(), path.length() - EVIDENCE.length()));
        } else if (path.equals("/healthz")) {
            HttpRoutes.Health health = routes.health();
            send(ctx, request, health.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    JSON, health.json());
        } else {
            send(ctx, request, HttpResponseStatus.OK, PROMETHEUS, routes.metrics());
        }
    }

    private void serveClip(ChannelHandlerContext ctx, FullHttpRequest request, String id) {
        Optional<Path> file = ID.matcher(id).matches() ? routes.clip(id) : Optional.empty();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            send(ctx, request, HttpResponseStatus.NOT_FOUND, JSON, error("no clip for that alert"));
            return;
        }
        try {
            FileResponder.send(ctx, request, file.get(), "video/mp4");
            String range = request.headers().get(HttpHeaderNames.RANGE);
            if (request.method().equals(HttpMethod.GET) && (range == null || range.startsWith("bytes=0-"))) {
                routes.clipViewed(id, client(ctx));
            }
        } catch (IOException e) {
            send(ctx, request, HttpResponseStatus.NOT_FOUND, JSON, error("clip unreadable"));
        }
    }

    /** {@code GET /api/alerts/<id>/evidence.zip}: built on request, audited as an export. */
    private void serveEvidence(ChannelHandlerContext ctx, FullHttpRequest request, String id) {
        try {
            Optional<Path> zip = ID.matcher(id).matches() ? routes.evidenceZip(id, client(ctx)) : Optional.empty();
            if (zip.isEmpty()) {
                send(ctx, request, HttpResponseStatus.NOT_FOUND, JSON, error("no such alert"));
                return;
            }
            try {
                FileResponder.send(ctx, request, zip.get(), "application/zip");
            } finally {
                // The channel has the file open for sending; on Linux the data stays until it is done.
                Files.deleteIfExists(zip.get());
            }
        } catch (IOException e) {
            send(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON, error("export failed"));
        }
    }

    /** Who asked, for the audit log: the client's address (the API has no logins yet). */
    private static String client(ChannelHandlerContext ctx) {
        return "http:" + ctx.channel().remoteAddress();
    }

    private static String error(String message) {
        return "{\"error\":\"" + message + "\"}";
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                             String type, String body) {
        write(ctx, request, response(status, type, body));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setContentLength(r, bytes.length);
        return r;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse r) {
        if (request.method().equals(HttpMethod.HEAD)) {
            r.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(r, keepAlive);
        var future = ctx.writeAndFlush(r);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
