package io.minewatch.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Thrown by a route handler or a {@link BodyReceiver} to answer with this status and message (a
 * message for people that names the problem and holds no secret), plus optional headers as name, value pairs.
 */
public final class Refused extends RuntimeException {
    private final HttpResponseStatus status;
    private final String[] headers;

    public Refused(HttpResponseStatus status, String message, String... headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers.clone();
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** Answers the call with this refusal. */
    public void answer(Call call) {
        call.error(status, getMessage(), headers);
    }

    void answer(Exchange ex) {
        io.netty.handler.codec.http.FullHttpResponse r = Exchange.errorResponse(status, getMessage());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        ex.send(r);
    }
}
