package io.minewatch.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in every HTTP pipeline: sorts failures. I/O errors and idle connections close quietly, an
 * oversized request closes with a debug line, a TLS failure (plain HTTP on the TLS port, an untrusted
 * certificate) with a debug line that names only its kind, anything else is logged and closed.
 */
final class HttpExceptionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpExceptionHandler.class);

    /** Nothing read or written for the idle time ({@code IdleStateHandler}): closed quietly. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("http: {} idle: closed", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException) {
            // Plain HTTP on the TLS port, or a client that refused the certificate. Never the message: a
            // NotSslRecordException dumps the bytes received, cookies and all.
            log.debug("http: {} TLS failure: {}", ctx.channel().remoteAddress(), root.getClass().getSimpleName());
        } else if (cause instanceof IOException || cause instanceof ReadTimeoutException) {
            log.debug("http: {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof TooLongFrameException) {
            log.debug("http: {} sent an oversized request: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            log.warn("http: unexpected failure on {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
