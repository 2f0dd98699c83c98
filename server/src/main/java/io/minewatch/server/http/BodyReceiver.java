package io.minewatch.server.http;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Takes the body of one streamed request ({@link StreamedRoute}) piece by piece, never holding it
 * whole. Its methods run one at a time, in order, on the body pool ({@code http-body-N}), never on the
 * event loop: the connection reads its next bytes only after a write has returned (back-pressure).
 */
public interface BodyReceiver {
    /**
     * The next piece of the body; the buffer is released by the caller after this returns. A
     * {@link Refused} (or an IOException, 500) ends the request: {@link #abort} follows, then the
     * answer, and the connection is closed.
     */
    void write(ByteBuf piece) throws IOException;

    /** The whole body arrived and was written: answer the call (exactly once). */
    void end(Call call) throws IOException;

    /**
     * The body will not be completed (the connection was lost, or a write was refused or failed):
     * free what the receiver holds. Called at most once, after the last {@link #write}, never after {@link #end}.
     */
    void abort();
}
