package io.minewatch.ingest.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * The UDP side of an RTP session: an even port for RTP and the next one for RTCP, bound on the RTSP
 * connection's event loop. Packets from any address other than the peer's (the camera, or the
 * pusher: the address of the RTSP connection) are ignored. Used by the client (pull) and the push
 * server (RECORD over UDP); one pair per session, closed with it.
 */
public final class UdpReceiver {
    private static final int ATTEMPTS = 20;
    private static final int MAX_DATAGRAM = 65_536;
    /** Most datagrams read per wake-up of the loop (256 per 20 ms: about 140 Mbit/s of RTP). */
    private static final int MAX_DATAGRAMS_PER_READ = 256;

    private final BiConsumer<Boolean, ByteBuf> sink;
    private final Channel control;
    private final InetAddress camera;
    private Channel rtp;
    private Channel rtcp;
    private int attempts;

    /**
     * @param control the RTSP connection: its event loop serves the ports, its peer is the only sender
     * @param sink    receives (rtcp?, packet) for each datagram from the peer; not released there
     */
    public UdpReceiver(Channel control, BiConsumer<Boolean, ByteBuf> sink) {
        this.sink = sink;
        this.control = control;
        this.camera = ((InetSocketAddress) control.remoteAddress()).getAddress();
    }

    /** Binds a free even/odd port pair; the future fails after {@value #ATTEMPTS} tries. */
    public ChannelFuture bind() {
        ChannelPromise done = control.newPromise();
        tryPair(done);
        return done;
    }

    private void tryPair(ChannelPromise done) {
        if (attempts++ >= ATTEMPTS) {
            done.tryFailure(new java.io.IOException("no free even/odd UDP port pair after " + ATTEMPTS + " tries"));
            return;
        }
        int port = 20_000 + 2 * ThreadLocalRandom.current().nextInt(20_000);
        InetAddress local = ((InetSocketAddress) control.localAddress()).getAddress();
        bootstrap(false).bind(local, port).addListener((ChannelFuture a) -> {
            if (!a.isSuccess()) {
                tryPair(done);
                return;
            }
            bootstrap(true).bind(local, port + 1).addListener((ChannelFuture b) -> {
                if (!b.isSuccess()) {
                    a.channel().close();
                    tryPair(done);
                    return;
                }
                rtp = a.channel();
                rtcp = b.channel();
                if (!control.isActive()) {
                    close();
                }
                done.trySuccess();
            });
        });
    }

    private Bootstrap bootstrap(boolean isRtcp) {
        return new Bootstrap().group(control.eventLoop()).channel(NioDatagramChannel.class)
                .option(io.netty.channel.ChannelOption.SO_RCVBUF, 4 << 20)
                .option(io.netty.channel.ChannelOption.RECVBUF_ALLOCATOR,
                        // Every datagram waiting, not one per wake-up: the ingest loop selects at most
                        // once per interval (camera.PacedSelectStrategy).
                        new io.netty.channel.FixedRecvByteBufAllocator(MAX_DATAGRAM).respectMaybeMoreData(false)
                                .maxMessagesPerRead(MAX_DATAGRAMS_PER_READ))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        if (p.sender().getAddress().equals(camera)) {
                            sink.accept(isRtcp, p.content());
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // An ICMP port-unreachable or the like: the watchdog notices if data stops.
                    }
                });
    }

    /** The RTP port bound (RTCP is the next one). */
    public int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    /** Closes both ports. */
    public void close() {
        if (rtp != null) {
            rtp.close();
        }
        if (rtcp != null) {
            rtcp.close();
        }
    }
}
