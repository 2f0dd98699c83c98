package io.minewatch.server.http;

import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.auth.Session;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request through the {@link Router}: 404 for no route, 405 with Allow for a wrong
 * method, 401 without a session on a route that needs one, 403 for the wrong role or a state-changing
 * request without the session's CSRF token. Each request first takes a permit of its client (else
 * 429), then runs on the request pool (else 503); export routes go on to the export thread (else 503),
 * so that they cannot hold up the rest. {@code /healthz} is answered on the event loop.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);
    private static final InetAddress UNKNOWN = InetAddress.getLoopbackAddress();
    private static final Set<HttpMethod> STATE_CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final Router router;
    private final Authenticator auth;
    private final HttpWorkers workers;

    HttpApiHandler(Router router, Authenticator auth, HttpWorkers workers) {
        this.router = router;
        this.auth = auth;
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

    /** Answers the request, or hands an export route on to the export thread, which answers it. */
    private void handle(Exchange ex) {
        FullHttpRequest request = ex.request();
        if (!request.decoderResult().isSuccess()) {
            ex.error(HttpResponseStatus.BAD_REQUEST, "malformed request");
            return;
        }
        QueryStringDecoder uri;
        try {
            uri = new QueryStringDecoder(request.uri());
            uri.path();
        } catch (IllegalArgumentException e) {
            ex.error(HttpResponseStatus.BAD_REQUEST, "malformed path");
            return;
        }
        if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
            Optional<FullHttpResponse> file = router.assets().serve(uri.path(),
                    request.headers().get(HttpHeaderNames.IF_NONE_MATCH), request.method().equals(HttpMethod.HEAD));
            if (file.isPresent()) {
                ex.send(file.get());
                return;
            }
        }
        Router.Match match = router.match(request.method(), uri.path());
        if (match instanceof Router.NotFound) {
            ex.error(HttpResponseStatus.NOT_FOUND, "no such endpoint");
            return;
        }
        if (match instanceof Router.NotAllowed na) {
            FullHttpResponse r = Exchange.errorResponse(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method not allowed: use " + na.allow());
            r.headers().set(HttpHeaderNames.ALLOW, na.allow());
            ex.send(r);
            return;
        }
        Router.Found found = (Router.Found) match;
        Route route = found.route();
        Admitted admitted = admit(auth, route, ex);
        if (admitted == null) {
            return;
        }
        Session session = admitted.session();
        Call call = new Call(ex, session, found.params(), uri, address(ex.ctx()), workers);
        if (!route.export()) {
            call(call, route);
            return;
        }
        try {
            workers.exports.execute(() -> run(ex, () -> call(call, route)));
        } catch (RejectedExecutionException e) {
            workers.exportBusy.increment();
            busy(ex);
        }
    }

    /** A request let through by {@link #admit}, with its session (null on a public route called without one). */
    record Admitted(Session session) {
    }

    /**
     * The route's checks: 401 without a session on a route that needs one, 403 for the wrong role or a
     * state-changing request without the session's CSRF token. Null when refused (then answered).
     */
    static Admitted admit(Authenticator auth, Route route, Exchange ex) {
        Session session = null;
        FullHttpRequest request = ex.request();
        if (!route.access().open() || request.headers().contains(HttpHeaderNames.COOKIE)) {
            Optional<Session> s = auth.session(request);
            if (s.isEmpty() && !route.access().open()) {
                ex.error(HttpResponseStatus.UNAUTHORIZED, "sign in first (POST /api/v1/session)");
                return null;
            }
            session = s.orElse(null);
        }
        if (!route.access().open()) {
            if (!route.access().allows(session.caller().role())) {
                ex.error(HttpResponseStatus.FORBIDDEN, "your role may not do this");
                return null;
            }
            if (STATE_CHANGING.contains(request.method()) && !Authenticator.csrfOk(session, request)) {
                ex.error(HttpResponseStatus.FORBIDDEN, "missing or wrong " + Authenticator.CSRF_HEADER + " header");
                return null;
            }
        }
        return new Admitted(session);
    }

    private static void call(Call call, Route route) {
        Exchange ex = call.exchange();
        try {
            route.handler().handle(call);
        } catch (BadRequest e) {
            ex.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (Refused e) {
            e.answer(ex);
        } catch (IOException e) {
            log.warn("http: {} {} failed: {}", ex.request().method(), route.template(), e.toString());
            ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            log.warn("http: {} {} failed", ex.request().method(), route.template(), e);
            ex.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
        if (!ex.answered()) {
            log.warn("http: {} {} left unanswered: closed", ex.request().method(), route.template());
            ex.abandon();
        }
    }

    private static void busy(Exchange ex) {
        FullHttpResponse r = Exchange.errorResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        ex.send(r);
    }

    /** The client's address, from the connection (never from a header such as X-Forwarded-For). */
    static InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : UNKNOWN;
    }
}
