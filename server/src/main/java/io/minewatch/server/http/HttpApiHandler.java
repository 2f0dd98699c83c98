package io.minewatch.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /healthz}, {@code GET /metrics}, {@code GET /api/clips/<alert>} and
 * {@code GET /api/alerts/<alert>/evidence.zip}; everything else is 404 or 405. Each request first
 * takes a permit of its client (else 429), then runs on the request pool (else 503); exports go on to
 * the export thread (else 503), so that they cannot hold up the rest.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String CLIPS = "/api/clips/";
    private static final String ALERTS = "/api/alerts/";
    private static final String EVIDENCE = "/evidence.zip";
    /** Alert ids as the server makes them; anything else (a path, "..") is simply not found. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final InetAddress UNKNOWN = InetAddress.getLoopbackAddress();

    private final HttpRoutes routes;
    private final HttpWorkers workers;

    HttpApiHandler(HttpRoutes routes, HttpWorkers workers) {
        this.routes = routes;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ClientLimits.Permit permit = workers.limits.tryAcquire(address(ctx));
        if (permit == null) {
            workers.clientLimited.increment();
            FullHttpResponse r = Exchange.errorResponse(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many requests in progress from your address");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            new Exchange(ctx, request.retain(), workers.limits.unlimited()).send(r);
            return;
        }
        Exchange ex = new Exchange(ctx, request.retain(), permit);
        if (isHealthCheck(request)) {
            // Liveness must not wait behind the pool: the health route is in-memory and never blocks.
            run(ex, () -> handle(ex));
            return;
        }
        try {
            workers.requests.execute(() -> run(ex, () -> handle(ex)));
        } catch (RejectedExecutionException e) {
            // Overloaded or stopping: answer at once rather than queue without bound.
            workers.busy.increment();
            busy(ex);
        }
    }

    private static boolean isHealthCheck(FullHttpRequest request) {
        String uri = request.uri();
        return request.decoderResult().isSuccess() && request.method().equals(HttpMethod.GET)
                && (uri.equals("/healthz") || uri.startsWith("/healthz?"));
    }

    /** Runs one step of an exchange; one that ends unanswered (a bug) closes the connection. */
    private static void run(Exchange ex, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("http: {} failed", ex.request().uri(), e);
            ex.abandon();
        }
    }

    /** Answers the request, or hands an export on to the export thread, which answers it. */
    private void handle(Exchange ex) {
        FullHttpRequest request = ex.request();
        if (!request.decoderResult().isSuccess()) {
            ex.error(HttpResponseStatus.BAD_REQUEST, "malformed request");
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            ex.error(HttpResponseStatus.BAD_REQUEST, "malformed path");
            return;
        }
        boolean clip = path.startsWith(CLIPS);
        boolean export = path.startsWith(ALERTS) && path.endsWith(EVIDENCE);
        boolean known = path.equals("/healthz") || path.equals("/metrics") || clip || export;
        if (!known) {
            ex.error(HttpResponseStatus.NOT_FOUND, "no such endpoint");
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = Exchange.errorResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            ex.send(r);
        } else if (clip) {
            serveClip(ex, path.substring(CLIPS.length()));
        } else if (export) {
            String id = path.substring(ALERTS.length(), path.length() - EVIDENCE.length());
            if (!ID.matcher(id).matches()) {
                ex.error(HttpResponseStatus.NOT_FOUND, "no such alert");
                return;
            }
            try {
                workers.exports.execute(() -> run(ex, () -> serveEvidence(ex, id)));
            } catch (RejectedExecutionException e) {
                workers.exportBusy.increment();
                busy(ex);
            }
        } else if (path.equals("/healthz")) {
            HttpRoutes.Health health = routes.health();
            ex.send(health.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    Exchange.JSON, health.json());
        } else {
            ex.send(HttpResponseStatus.OK, PROMETHEUS, routes.metrics());
        }
    }

    /**
     * {@code GET /api/clips/<id>}: the answer is planned from one parse of the Range header; a GET
     * whose body starts at byte 0, or a client's first read of the clip in a while from any offset
     * ({@link ClipViews}), is audited before a byte is sent.
     */
    private void serveClip(Exchange ex, String id) {
        Optional<Path> file = ID.matcher(id).matches() ? routes.clip(id) : Optional.empty();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            ex.error(HttpResponseStatus.NOT_FOUND, "no clip for that alert");
            return;
        }
        FileResponder.Answer answer;
        try {
            answer = FileResponder.plan(ex.request(), file.get(), "video/mp4");
        } catch (IOException e) {
            ex.error(HttpResponseStatus.NOT_FOUND, "clip unreadable");
            return;
        }
        if (answer.body() && workers.views.audit(address(ex.ctx()), id, answer.viewFromStart(), System.nanoTime())) {
            routes.clipViewed(id, client(ex.ctx()));
        }
        try {
            ex.send(answer);
        } catch (IOException e) {
            log.debug("http: clip {} could not be sent: {}", id, e.toString());
        }
    }

    /** {@code GET /api/alerts/<id>/evidence.zip}: built on the export thread, audited as an export. */
    private void serveEvidence(Exchange ex, String id) {
        Path zip = null;
        try {
            Optional<Path> made = routes.evidenceZip(id, client(ex.ctx()));
            if (made.isEmpty()) {
                ex.error(HttpResponseStatus.NOT_FOUND, "no such alert");
                return;
            }
            zip = made.get();
            ex.send(FileResponder.plan(ex.request(), zip, "application/zip"));
        } catch (IOException e) {
            log.warn("http: evidence export of {} failed: {}", id, e.toString());
            ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "export failed");
        } finally {
            if (zip != null) {
                try {
                    // The channel has the file open for sending; on Linux the data stays until it is done.
                    Files.deleteIfExists(zip);
                } catch (IOException e) {
                    log.warn("http: cannot delete export {}: {}", zip, e.toString());
                }
            }
        }
    }

    private static void busy(Exchange ex) {
        FullHttpResponse r = Exchange.errorResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        ex.send(r);
    }

    /** The client's address, from the connection (never from a header such as X-Forwarded-For). */
    private static InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : UNKNOWN;
    }

    /** Who asked, for the audit log: the client's address (the API has no logins yet). */
    private static String client(ChannelHandlerContext ctx) {
        return "http:" + ctx.channel().remoteAddress();
    }
}
