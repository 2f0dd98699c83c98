package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseException;
import io.minewatch.server.http.Refused;
import io.minewatch.server.http.RouteHandler;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The desk's refusals as HTTP answers: NOT_FOUND 404, INVALID 400, CONFLICT 409, with the desk's message. */
final class CaseErrors {
    private CaseErrors() {
    }

    static Refused refused(CaseException e) {
        HttpResponseStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case INVALID -> HttpResponseStatus.BAD_REQUEST;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
        };
        return new Refused(status, e.getMessage());
    }

    /** The handler, with a {@link CaseException} answered as {@link #refused} says. */
    static RouteHandler guarded(RouteHandler handler) {
        return call -> {
            try {
                handler.handle(call);
            } catch (CaseException e) {
                refused(e).answer(call);
            }
        };
    }
}
