package io.minewatch.server.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Sends a file, whole or a byte range of it, with zero-copy transfer ({@link DefaultFileRegion}),
 * ETag and If-None-Match, Accept-Ranges and Content-Range, so that a browser's video element plays
 * and seeks. {@link #plan} decides the answer (once, from one parse of the Range header) before
 * {@link Answer#send} sends it, so that a caller can audit what will be sent first.
 */
final class FileResponder {
    private static final int CHUNK = 64 * 1024;
    private FileResponder() {
    }

    /**
     * The answer decided for one request of one file.
     *
     * @param viewFromStart a GET whose body begins at the file's first byte (whole, or a range from 0)
     */
    record Answer(Path file, HttpResponse head, long first, long length, boolean body, boolean keepAlive,
                  boolean viewFromStart) {

        /** Writes the answer; the future completes when its last byte has gone (or the send failed). */
        ChannelFuture send(ChannelHandlerContext ctx) throws IOException {
            HttpUtil.setKeepAlive(head, keepAlive);
            FileChannel channel = body ? FileChannel.open(file, StandardOpenOption.READ) : null;
            ctx.write(head);
            if (channel != null && ctx.pipeline().get(SslHandler.class) != null) {
                // TLS must see the bytes: chunks read from the file (closed by the chunked input when done).
                ctx.write(new ChunkedNioFile(channel, first, length, CHUNK));
            } else if (channel != null) {
                // The region closes the channel once written (or when the connection fails).
                ctx.write(new DefaultFileRegion(channel, first, length));
            }
            ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return done;
        }
    }

    /** Decides the answer to a GET or HEAD of this file. */
    static Answer plan(FullHttpRequest request, Path file, String contentType) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attrs.size();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(attrs.lastModifiedTime().toMillis()) + "\"";
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
            r.headers().set(HttpHeaderNames.ETAG, etag);
            HttpUtil.setContentLength(r, 0);
            return new Answer(file, r, 0, 0, false, keepAlive, false);
        }
        ByteRange.Parsed parsed = request.headers().contains(HttpHeaderNames.IF_RANGE)
                && !etag.equals(request.headers().get(HttpHeaderNames.IF_RANGE))
                ? new ByteRange.Whole()
                : ByteRange.parse(request.headers().get(HttpHeaderNames.RANGE), size);
        HttpResponse r;
        long first = 0;
        long length = size;
        if (parsed instanceof ByteRange.Unsatisfiable) {
            r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            length = 0;
        } else if (parsed instanceof ByteRange.Partial p) {
            r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PARTIAL_CONTENT);
            r.headers().set(HttpHeaderNames.CONTENT_RANGE,
                    "bytes " + p.range().first() + "-" + p.range().last() + "/" + size);
            first = p.range().first();
            length = p.range().length();
        } else {
            r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        }
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        r.headers().set(HttpHeaderNames.ETAG, etag);
        HttpUtil.setContentLength(r, length);
        boolean get = request.method().equals(HttpMethod.GET);
        boolean body = length > 0 && get;
        return new Answer(file, r, first, length, body, keepAlive, get && parsed.fromStart());
    }
}
