package io.minewatch.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the route table: methods, a path template such as {@code /api/v1/alerts/{id}} (a
 * {@code {name}} is one segment of id characters — letters, digits, '-', '_', up to 64; a trailing
 * {@code {name*}} is the rest of the path), who may call it, and its handler. {@code export} routes run
 * on the export thread, the rest on the request pool.
 */
public record Route(Set<HttpMethod> methods, String template, Access access, boolean export, RouteHandler handler,
                    Pattern pattern, List<String> params) {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)(\\*?)}");

    public Route {
        methods = Set.copyOf(methods);
        params = List.copyOf(params);
    }

    static Route of(Set<HttpMethod> methods, String template, Access access, boolean export, RouteHandler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template must start with '/': " + template);
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            boolean rest = !m.group(2).isEmpty();
            if (rest && m.end() != template.length()) {
                throw new IllegalArgumentException("{" + m.group(1) + "*} must end the template: " + template);
            }
            regex.append(rest ? "(.+)" : "([A-Za-z0-9_-]{1,64})");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(methods, template, access, export, handler, Pattern.compile(regex.toString()), names);
    }

    /** Whether the method is one of this route's (HEAD is taken wherever GET is). */
    boolean accepts(HttpMethod method) {
        return methods.contains(method) || method.equals(HttpMethod.HEAD) && methods.contains(HttpMethod.GET);
    }
}
