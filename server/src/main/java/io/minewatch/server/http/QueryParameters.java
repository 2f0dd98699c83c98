package io.minewatch.server.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks every strict query string shares: only known parameters, each given once. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * @throws BadRequest naming an unknown parameter (cut to 40 characters, control characters shown as
     *                    {@code ?}) with the known ones, or one given more than once
     */
    public static void only(Map<String, List<String>> params, Set<String> known) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!known.contains(e.getKey())) {
                String k = e.getKey().length() > 40 ? e.getKey().substring(0, 40) + "…" : e.getKey();
                throw new BadRequest("unknown parameter \"" + k.replaceAll("\\p{Cntrl}", "?") + "\"; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            if (e.getValue().size() > 1) {
                throw new BadRequest(e.getKey() + " given more than once");
            }
        }
    }
}
