package io.minewatch.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.auth.SessionResolver;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket routes of the HTTP server, and the handler that upgrades to them. A request on a
 * registered path is checked in this order: a WebSocket upgrade on a path nobody registered is 404; a
 * method other than GET 405; no session ({@link SessionResolver}) 401; an {@code Origin} header that
 * does not name the {@code Host} 403 (a request without Origin is not from a browser, so it cannot
 * be a cross-site hijack, and passes); a plain GET without the upgrade 426. Only then is the
 * handshake completed (frames of at most {@value #MAX_FRAME} bytes, no extensions) and the endpoint
 * {@linkplain WebSocketEndpoint#open opened}. The session lookup runs on the request pool, never on
 * the event loop. After the upgrade, {@link WebSocketFrames} answers pings and closes, pings a quiet
 * client and closes one that stays silent.
 *
 * <p>Register every route before the server starts.
 */
public final class WebSocketUpgrades {
    /** Largest frame a client may send, bytes (the console's clients send next to nothing). */
    public static final int MAX_FRAME = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrades.class);

    private final SessionResolver sessions;
    private final List<Route> routes = new ArrayList<>();

    private record Route(Pattern path, WebSocketEndpoint endpoint) {
    }

    public WebSocketUpgrades(SessionResolver sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Adds a route; the whole request path must match {@code pathRegex} (its groups reach the
     * endpoint's {@code path}). Returns this.
     */
    public synchronized WebSocketUpgrades register(String pathRegex, WebSocketEndpoint endpoint) {
        routes.add(new Route(Pattern.compile(pathRegex), Objects.requireNonNull(endpoint, "endpoint")));
        return this;
    }

    /** The metrics and threads of one server: shared by the handlers of all its connections. */
    Bound bind(HttpWorkers workers, MeterRegistry registry) {
        return new Bound(List.copyOf(routes), workers, registry);
    }

    final class Bound {
        private final List<Route> routes;
        private final HttpWorkers workers;
        private final MeterRegistry registry;

        private Bound(List<Route> routes, HttpWorkers workers, MeterRegistry registry) {
            this.routes = routes;
            this.workers = workers;
            this.registry = registry;
            for (String r : HttpMetrics.UPGRADE_RESULTS) {
                counter(r);
            }
        }

        Counter counter(String result) {
            return Counter.builder(HttpMetrics.WEBSOCKET_UPGRADES).tag("result", result).register(registry);
        }

        Optional<Caller> resolve(FullHttpRequest req) {
            return sessions.resolve(req);
        }

        Handler handler() {
            return new Handler(this);
        }
    }

    /** Sits before the API handler: takes the requests on WebSocket paths, passes the others on. */
    static final class Handler extends ChannelInboundHandlerAdapter {
        private final Bound bound;

        Handler(Bound bound) {
            this.bound = bound;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest req) || !req.decoderResult().isSuccess()) {
                ctx.fireChannelRead(msg);
                return;
            }
            QueryStringDecoder uri;
            try {
                uri = new QueryStringDecoder(req.uri());
                uri.parameters();
            } catch (IllegalArgumentException e) {
                ctx.fireChannelRead(msg);
                return;
            }
            boolean upgrade = req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
            Matcher matched = null;
            WebSocketEndpoint endpoint = null;
            for (Route r : bound.routes) {
                Matcher m = r.path.matcher(uri.path());
                if (m.matches()) {
                    matched = m;
                    endpoint = r.endpoint;
                    break;
                }
            }
            if (matched == null) {
                if (upgrade) {
                    refuse(ctx, req, HttpResponseStatus.NOT_FOUND, "no such WebSocket endpoint", HttpMetrics.NOT_FOUND);
                } else {
                    ctx.fireChannelRead(msg);
                }
                return;
            }
            if (!req.method().equals(HttpMethod.GET)) {
                refuse(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET with a WebSocket upgrade",
                        HttpMetrics.REFUSED);
                return;
            }
            Matcher path = matched;
            WebSocketEndpoint target = endpoint;
            // The session lookup may touch a store: on the request pool, then back to the event loop.
            try {
                bound.workers.requests.execute(() -> {
                    Optional<Caller> caller;
                    try {
                        caller = bound.resolve(req);
                    } catch (RuntimeException e) {
                        log.warn("websocket: session lookup failed: {}", e.toString());
                        caller = Optional.empty();
                    }
                    Optional<Caller> who = caller;
                    ctx.executor().execute(() -> decide(ctx, req, uri, path, target, upgrade, who));
                });
            } catch (RejectedExecutionException e) {
                bound.workers.busy.increment();
                refuse(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", HttpMetrics.REFUSED);
            }
        }

        private void decide(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, Matcher path,
                WebSocketEndpoint endpoint, boolean upgrade, Optional<Caller> caller) {
            if (caller.isEmpty()) {
                refuse(ctx, req, HttpResponseStatus.UNAUTHORIZED, "sign in first", HttpMetrics.UNAUTHORIZED);
            } else if (!Origins.sameAsHost(req.headers().get(HttpHeaderNames.ORIGIN),
                    req.headers().get(HttpHeaderNames.HOST))) {
                refuse(ctx, req, HttpResponseStatus.FORBIDDEN, "origin not allowed", HttpMetrics.FORBIDDEN);
            } else if (!upgrade) {
                FullHttpResponse r = Exchange.errorResponse(HttpResponseStatus.UPGRADE_REQUIRED,
                        "use a WebSocket upgrade");
                r.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
                bound.counter(HttpMetrics.REFUSED).increment();
                answer(ctx, req, r);
            } else {
                upgrade(ctx, req, uri, path, endpoint, caller.get());
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, Matcher path,
                WebSocketEndpoint endpoint, Caller caller) {
            String scheme = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null ? "wss://" : "ws://";
            WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                    scheme + req.headers().get(HttpHeaderNames.HOST) + uri.path(), null,
                    WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_FRAME).allowExtensions(false).build());
            WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
            if (handshaker == null) {
                bound.counter(HttpMetrics.REFUSED).increment();
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                        .addListener(ChannelFutureListener.CLOSE);
                ReferenceCountUtil.release(req);
                return;
            }
            // From here on the connection is a WebSocket: no more HTTP request deadlines or handlers.
            var p = ctx.pipeline();
            for (String name : List.of(HttpInitializer.DEADLINE, HttpInitializer.ARRIVED, HttpInitializer.STREAMED,
                    HttpInitializer.API)) {
                if (p.get(name) != null) {
                    p.remove(name);
                }
            }
            p.replace(HttpInitializer.IDLE, HttpInitializer.IDLE,
                    new IdleStateHandler(WebSocketFrames.PING_AFTER_S, 0, 0, TimeUnit.SECONDS));
            p.addBefore(HttpInitializer.ERRORS, WebSocketFrames.NAME, new WebSocketFrames());
            p.remove(this);
            handshaker.handshake(ctx.channel(), req).addListener((ChannelFutureListener) f -> {
                req.release();
                if (!f.isSuccess()) {
                    log.debug("websocket: handshake with {} failed: {}", f.channel().remoteAddress(),
                            String.valueOf(f.cause()));
                    f.channel().close();
                    return;
                }
                bound.counter(HttpMetrics.UPGRADED).increment();
                try {
                    endpoint.open(f.channel(), caller, uri, path);
                } catch (RuntimeException e) {
                    log.warn("websocket: endpoint {} failed to open", uri.path(), e);
                    WebSocketFrames.close(f.channel(), 1011, "server error");
                }
            });
        }

        private void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String message,
                String result) {
            bound.counter(result).increment();
            answer(ctx, req, Exchange.errorResponse(status, message));
        }

        private static void answer(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ReferenceCountUtil.release(req);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
