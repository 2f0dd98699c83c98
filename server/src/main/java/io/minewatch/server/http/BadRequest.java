package io.minewatch.server.http;

/** Thrown by a route handler for input it cannot take: answered 400 with the message (which must name the problem and hold no secret). */
public final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message, null, false, false);
    }
}
