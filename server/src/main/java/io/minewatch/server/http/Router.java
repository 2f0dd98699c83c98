package io.minewatch.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * The route table of the HTTP server: {@link Builder#get}, {@link Builder#post}, ... add routes;
 * {@link #match} finds the route of a request, or says 404 (no template matches the path) or 405 (one
 * does, not with this method: the {@code Allow} header lists those that would).
 */
public final class Router {
    private final List<Route> routes;
    private final StaticFiles assets;

    private Router(List<Route> routes, StaticFiles assets) {
        this.routes = List.copyOf(routes);
        this.assets = assets;
    }

    /** The static files served before the table is consulted (none unless {@link Builder#assets} was called). */
    public StaticFiles assets() {
        return assets;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every route, in the order added (for the OpenAPI contract test and documentation). */
    public List<Route> routes() {
        return routes;
    }

    /** What a request's method and path come to. */
    public sealed interface Match permits Found, NotFound, NotAllowed {
    }

    /** The route, with its path parameters by name. */
    public record Found(Route route, Map<String, String> params) implements Match {
    }

    public record NotFound() implements Match {
    }

    /** @param allow the value of the {@code Allow} header */
    public record NotAllowed(String allow) implements Match {
    }

    public Match match(HttpMethod method, String path) {
        Set<String> allow = new TreeSet<>();
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (r.accepts(method)) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < r.params().size(); i++) {
                    params.put(r.params().get(i), m.group(i + 1));
                }
                return new Found(r, Collections.unmodifiableMap(params));
            }
            r.methods().forEach(x -> allow.add(x.name()));
            if (r.methods().contains(HttpMethod.GET)) {
                allow.add("HEAD");
            }
        }
        return allow.isEmpty() ? new NotFound() : new NotAllowed(String.join(", ", allow));
    }

    /** Adds routes; a method and template already taken is a mistake and throws. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private StaticFiles assets = StaticFiles.NONE;

        /** The console's static files (public). */
        public Builder assets(StaticFiles files) {
            this.assets = java.util.Objects.requireNonNull(files, "files");
            return this;
        }

        public Builder get(String template, Access access, RouteHandler handler) {
            return add(Set.of(HttpMethod.GET), template, access, false, handler);
        }

        public Builder post(String template, Access access, RouteHandler handler) {
            return add(Set.of(HttpMethod.POST), template, access, false, handler);
        }

        public Builder put(String template, Access access, RouteHandler handler) {
            return add(Set.of(HttpMethod.PUT), template, access, false, handler);
        }

        public Builder delete(String template, Access access, RouteHandler handler) {
            return add(Set.of(HttpMethod.DELETE), template, access, false, handler);
        }

        /** A HEAD of its own (HEAD is otherwise answered by a route's GET). */
        public Builder head(String template, Access access, RouteHandler handler) {
            return add(Set.of(HttpMethod.HEAD), template, access, false, handler);
        }

        /**
         * A route whose request body is streamed to the handler's {@link BodyReceiver} instead of being
         * gathered in memory (uploads).
         */
        public Builder stream(HttpMethod method, String template, Access access, StreamedRoute handler) {
            return add(Set.of(method), template, access, false, handler);
        }

        /** A GET whose work (building a file) runs on the export thread, apart from the request pool. */
        public Builder export(String template, Access access, RouteHandler handler) {
            return add(Set.of(HttpMethod.GET), template, access, true, handler);
        }

        public Builder add(Set<HttpMethod> methods, String template, Access access, boolean export,
                           RouteHandler handler) {
            for (Route r : routes) {
                if (r.template().equals(template) && r.methods().stream().anyMatch(methods::contains)) {
                    throw new IllegalArgumentException("route " + methods + " " + template + " added twice");
                }
            }
            routes.add(Route.of(methods, template, access, export, handler));
            return this;
        }

        public Router build() {
            return new Router(routes, assets);
        }
    }
}
