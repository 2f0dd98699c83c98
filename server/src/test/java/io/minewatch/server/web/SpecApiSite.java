package io.minewatch.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory stand-in for the server's API v1, answering exactly as SPEC13 says (session cookie,
 * CSRF on state changes, officials limited to their alerts, the live feed with seq and resume, the
 * live video WebSocket as init text, init segment and fragments), so that the pages' own code can be
 * exercised in Chromium before and apart from the real API. It is the front end under test here,
 * not the API: the server's own end-to-end tests drive the same pages against the real one.
 */
final class SpecApiSite implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ALERT = Pattern.compile("/api/v1/alerts/([A-Za-z0-9_-]+)(/ack|/snapshot)?");
    private static final Pattern CAMERA_SNAPSHOT = Pattern.compile("/api/v1/cameras/([A-Za-z0-9_-]+)/snapshot");
    private static final Pattern CAMERA_VIDEO = Pattern.compile("/api/v1/cameras/([A-Za-z0-9_-]+)/video");

    record User(String id, String name, String role, String password) {
    }

    record Session(User user, String csrf) {
    }

    /** A camera: its video is a fragmented MP4 split into init + fragments, or null for the fallback. */
    record Camera(String id, String site, String status, String codec, Mp4Fragments video) {
    }

    private final StaticAssets assets;
    private final String mapTiles;
    private final byte[] jpeg;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> alerts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> routes = new ConcurrentHashMap<>();
    private final List<Camera> cameras = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> outbox = new CopyOnWriteArrayList<>();
    private final Map<Channel, Session> liveClients = new ConcurrentHashMap<>();
    final List<String> acks = new CopyOnWriteArrayList<>();
    final List<String> liveConnects = new CopyOnWriteArrayList<>();
    final List<String> forbidden = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    /** @param mapTiles what GET /api/v1/ui answers as map_tiles (null: none) */
    SpecApiSite(String mapTiles, byte[] jpeg) throws InterruptedException {
        this.mapTiles = mapTiles;
        this.assets = StaticAssets.fromClasspath(ConsoleHeaders.of(mapTiles));
        this.jpeg = jpeg;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    String base() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    void user(String id, String name, String role, String password) {
        users.put(id, new User(id, name, role, password));
    }

    void camera(Camera c) {
        cameras.add(c);
    }

    /** Stores an alert (an AlertSummary) routed to these officials and publishes it on the live feed. */
    void alert(ObjectNode summary, List<String> routedTo) {
        String id = summary.get("id").asText();
        summary.put("snapshot", "/api/v1/alerts/" + id + "/snapshot");
        alerts.put(id, summary);
        routes.put(id, List.copyOf(routedTo));
        ObjectNode payload = JSON.createObjectNode().put("id", id).put("level", summary.get("level").asText());
        publish("alert", payload, id);
    }

    /** Cuts every live client off (a phone going to sleep, a network drop). */
    void dropLiveClients() {
        liveClients.keySet().forEach(Channel::close);
    }

    int liveClientCount() {
        return liveClients.size();
    }

    private synchronized void publish(String type, ObjectNode payload, String alertId) {
        ObjectNode msg = JSON.createObjectNode().put("seq", outbox.size() + 1L).put("type", type)
                .put("topic", "minewatch/test/" + type);
        msg.set("payload", payload);
        msg.put("alert_for_test", alertId);
        outbox.add(msg);
        liveClients.forEach((ch, s) -> {
            if (visible(s, alertId)) {
                ch.writeAndFlush(new TextWebSocketFrame(wire(msg)));
            }
        });
    }

    private static String wire(ObjectNode msg) {
        ObjectNode copy = msg.deepCopy();
        copy.remove("alert_for_test");
        return copy.toString();
    }

    private boolean visible(Session s, String alertId) {
        return !s.user().role().equals("official") || routes.getOrDefault(alertId, List.of()).contains(s.user().id());
    }

    private Optional<Session> session(HttpHeaders headers) {
        String cookie = headers.get(HttpHeaderNames.COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("mw_session=([A-Za-z0-9-]+)").matcher(cookie);
        return m.find() ? Optional.ofNullable(sessions.get(m.group(1))) : Optional.empty();
    }

    private ObjectNode detail(String id) {
        ObjectNode a = alerts.get(id).deepCopy();
        a.set("payload", JSON.createObjectNode().put("id", id));
        ArrayNode history = a.putArray("history");
        history.addObject().put("at", a.get("created_at").asText()).put("kind", "opened").put("actor", "server").put("detail", "");
        ArrayNode r = a.putArray("routes");
        for (String official : routes.get(id)) {
            User u = users.get(official);
            r.addObject().put("official", official).put("name", u == null ? official : u.name())
                    .put("reason", "routed").put("routed_at", a.get("created_at").asText());
        }
        return a;
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof CloseWebSocketFrame) {
                ctx.close();
            } else if (msg instanceof FullHttpRequest req) {
                if ("websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
                    upgrade(ctx, req);
                } else {
                    http(ctx, req);
                }
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
            Optional<Session> s = session(req.headers());
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            Matcher video = CAMERA_VIDEO.matcher(uri.path());
            if (s.isEmpty() || !(uri.path().equals("/api/v1/live") || video.matches())) {
                ctx.writeAndFlush(json(HttpResponseStatus.FORBIDDEN, "{\"error\":\"no\"}")).addListener(f -> ctx.close());
                return;
            }
            WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory("ws://" + req.headers().get(HttpHeaderNames.HOST)
                    + uri.path(), null, false, 1 << 16).newHandshaker(req);
            hs.handshake(ctx.channel(), req).addListener(f -> {
                if (!f.isSuccess()) {
                    ctx.close();
                } else if (video.matches()) {
                    openVideo(ctx.channel(), video.group(1));
                } else {
                    openLive(ctx.channel(), s.get(), uri);
                }
            });
        }

        private void http(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String path = uri.path();
            FullHttpResponse r;
            if (!path.startsWith("/api/")) {
                Optional<StaticAssets.Response> a = assets.serve(path, req.headers().get(HttpHeaderNames.IF_NONE_MATCH));
                if (a.isEmpty()) {
                    r = json(HttpResponseStatus.NOT_FOUND, "{\"error\":\"no such endpoint\"}");
                } else {
                    r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.get().status()),
                            Unpooled.wrappedBuffer(a.get().body()));
                    a.get().headers().forEach((k, v) -> r.headers().set(k, v));
                    r.headers().set(HttpHeaderNames.CONTENT_TYPE, a.get().contentType());
                }
            } else {
                r = api(req, path, uri);
            }
            HttpUtil.setContentLength(r, r.content().readableBytes());
            ctx.writeAndFlush(r);
        }

        private FullHttpResponse api(FullHttpRequest req, String path, QueryStringDecoder uri) {
            HttpMethod method = req.method();
            if (path.equals("/api/v1/session") && method.equals(HttpMethod.POST)) {
                JsonNode body = read(req);
                User u = users.get(body.path("user").asText());
                if (u == null || !u.password().equals(body.path("password").asText())) {
                    return json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"wrong user or password\"}");
                }
                String token = UUID.randomUUID().toString();
                Session s = new Session(u, UUID.randomUUID().toString());
                sessions.put(token, s);
                FullHttpResponse r = json(HttpResponseStatus.OK, me(s));
                r.headers().set(HttpHeaderNames.SET_COOKIE, "mw_session=" + token + "; HttpOnly; SameSite=Strict; Path=/");
                return r;
            }
            Optional<Session> session = session(req.headers());
            if (session.isEmpty()) {
                return json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"sign in first\"}");
            }
            Session s = session.get();
            boolean changes = !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
            if (changes && !s.csrf().equals(req.headers().get("X-CSRF-Token"))) {
                forbidden.add(method + " " + path);
                return json(HttpResponseStatus.FORBIDDEN, "{\"error\":\"missing or wrong CSRF token\"}");
            }
            if (path.equals("/api/v1/session") && method.equals(HttpMethod.DELETE)) {
                sessions.values().remove(s);
                return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            }
            if (path.equals("/api/v1/me")) {
                return json(HttpResponseStatus.OK, me(s));
            }
            if (path.equals("/api/v1/ui")) {
                ObjectNode ui = JSON.createObjectNode().put("map_tiles", mapTiles)
                        .put("map_attribution", mapTiles == null ? null : "© test tiles");
                return json(HttpResponseStatus.OK, ui.toString());
            }
            if (path.equals("/api/v1/alerts")) {
                ObjectNode page = JSON.createObjectNode();
                ArrayNode list = page.putArray("alerts");
                alerts.values().stream().filter(a -> visible(s, a.get("id").asText()))
                        .sorted((a, b) -> b.get("created_at").asText().compareTo(a.get("created_at").asText()))
                        .forEach(list::add);
                page.putNull("next");
                return json(HttpResponseStatus.OK, page.toString());
            }
            Matcher m = ALERT.matcher(path);
            if (m.matches()) {
                String id = m.group(1);
                if (!alerts.containsKey(id) || !visible(s, id)) {
                    return json(HttpResponseStatus.NOT_FOUND, "{\"error\":\"no such alert\"}");
                }
                if ("/snapshot".equals(m.group(2))) {
                    return image();
                }
                if ("/ack".equals(m.group(2)) && method.equals(HttpMethod.POST)) {
                    JsonNode body = read(req);
                    String action = body.path("action").asText();
                    String state = switch (action) {
                        case "ack", "on_my_way" -> "acknowledged";
                        case "false_alarm", "resolved" -> "closed";
                        default -> null;
                    };
                    if (state == null) {
                        return json(HttpResponseStatus.BAD_REQUEST, "{\"error\":\"unknown action\"}");
                    }
                    acks.add(s.user().id() + " " + id + " " + action + " " + body.path("note").asText());
                    alerts.get(id).put("state", state).put("updated_at", Instant.now().toString());
                    publish("event", JSON.createObjectNode().put("alert", id).put("kind", action)
                            .put("actor", s.user().id()), id);
                    return json(HttpResponseStatus.OK, "{\"result\":\"accepted\",\"state\":\"" + state + "\"}");
                }
                return json(HttpResponseStatus.OK, detail(id).toString());
            }
            if (path.equals("/api/v1/cameras")) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode list = body.putArray("cameras");
                for (Camera c : cameras) {
                    list.addObject().put("id", c.id()).put("site", c.site()).put("status", c.status())
                            .put("transport", "tcp").put("last_frame_at", Instant.now().toString())
                            .put("detect_fps", 5.0).put("drops", 0).put("codec", c.codec())
                            .put("video", "/api/v1/cameras/" + c.id() + "/video")
                            .put("snapshot", "/api/v1/cameras/" + c.id() + "/snapshot");
                }
                return json(HttpResponseStatus.OK, body.toString());
            }
            if (CAMERA_SNAPSHOT.matcher(path).matches()) {
                return image();
            }
            if (path.equals("/api/v1/sites")) {
                return json(HttpResponseStatus.OK, "{\"sites\":["
                        + "{\"id\":\"north-pit\",\"name\":\"北坑\",\"township\":\"东镇\",\"lat\":40.12,\"lon\":116.31,\"open_alerts\":"
                        + openAt("north-pit") + "},"
                        + "{\"id\":\"river-yard\",\"name\":\"河边料场\",\"township\":\"东镇\",\"lat\":40.05,\"lon\":116.45,\"open_alerts\":"
                        + openAt("river-yard") + "}]}");
            }
            return json(HttpResponseStatus.NOT_FOUND, "{\"error\":\"no such endpoint\"}");
        }

        private long openAt(String site) {
            return alerts.values().stream().filter(a -> a.get("site").asText().equals(site)
                    && a.get("state").asText().equals("open")).count();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private void openLive(Channel ch, Session s, QueryStringDecoder uri) {
        List<String> after = uri.parameters().get("after");
        liveConnects.add(after == null ? "" : after.get(0));
        synchronized (this) {
            long from = after == null ? outbox.size() : Long.parseLong(after.get(0));
            for (ObjectNode msg : outbox) {
                if (msg.get("seq").asLong() > from && visible(s, msg.get("alert_for_test").asText())) {
                    ch.write(new TextWebSocketFrame(wire(msg)));
                }
            }
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"live\",\"seq\":" + outbox.size() + "}"));
            liveClients.put(ch, s);
        }
        ch.closeFuture().addListener(f -> liveClients.remove(ch));
    }

    private void openVideo(Channel ch, String cameraId) {
        Camera c = cameras.stream().filter(x -> x.id().equals(cameraId)).findFirst().orElse(null);
        if (c == null || c.video() == null) {
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"fallback\",\"reason\":\"h265\",\"snapshot\":\"/api/v1/cameras/"
                    + cameraId + "/snapshot\"}")).addListener(f -> ch.close());
            return;
        }
        Mp4Fragments v = c.video();
        ch.write(new TextWebSocketFrame("{\"type\":\"init\",\"mime\":\"video/mp4; codecs=\\\"" + v.codec() + "\\\"\"}"));
        ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(v.init())));
        List<byte[]> fragments = new ArrayList<>(v.fragments());
        long[] next = {0};
        ch.eventLoop().scheduleAtFixedRate(() -> {
            if (!ch.isActive() || next[0] >= fragments.size()) {
                return;
            }
            ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(fragments.get((int) next[0]++))));
        }, 0, v.fragmentMillis(), TimeUnit.MILLISECONDS);
    }

    private FullHttpResponse image() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(jpeg));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "image/jpeg");
        return r;
    }

    private static String me(Session s) {
        return JSON.createObjectNode().put("id", s.user().id()).put("name", s.user().name())
                .put("role", s.user().role()).put("csrf", s.csrf()).toString();
    }

    private static JsonNode read(FullHttpRequest req) {
        try {
            return JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static FullHttpResponse json(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return r;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

}
