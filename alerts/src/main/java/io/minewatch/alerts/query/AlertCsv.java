package io.minewatch.alerts.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The alert list of a filter as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read Chinese), newest
 * first, read page by page through {@link AlertQueries#list}; at most {@link #MAX_ROWS} rows. Safe to
 * open in a spreadsheet: a cell that starts with {@code = + - @}, a tab or a carriage return is
 * prefixed with {@code '} so that it is never taken as a formula (OWASP "CSV injection").
 */
public final class AlertCsv {

    public static final int MAX_ROWS = 10_000;
    static final List<String> COLUMNS = List.of("id", "created_at", "updated_at", "site", "camera", "rule", "level",
            "state", "ended", "category", "label", "score", "verdict", "box_norm", "snapshot", "clip");

    private AlertCsv() {
    }

    /** What was written. */
    public record Result(String csv, int rows, boolean truncated) {
    }

    /** The CSV of every alert of the filter (its cursor and limit ignored) in the caller's scope. */
    public static Result write(AlertQueries queries, AlertFilter filter, String official) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", COLUMNS)).append("\r\n");
        AlertFilter page = filter.after(null).withLimit(AlertFilter.MAX_LIMIT);
        int rows = 0;
        while (true) {
            JsonNode answer = queries.list(page, official);
            for (JsonNode a : answer.get("alerts")) {
                if (rows == MAX_ROWS) {
                    return new Result(out.toString(), rows, true);
                }
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(cell(a.get(COLUMNS.get(i))));
                }
                out.append("\r\n");
                rows++;
            }
            JsonNode next = answer.get("next");
            if (next == null || next.isNull()) {
                return new Result(out.toString(), rows, false);
            }
            page = page.after(PageCursor.decode(next.asText()));
        }
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        String text;
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            v.forEach(x -> b.append(b.isEmpty() ? "" : " ").append(x.asText()));
            text = b.toString();
        } else {
            text = v.asText();
        }
        return escape(text);
    }

    /** One CSV cell: formula-looking text prefixed with ', quoted when it holds , " or a line break. */
    static String escape(String text) {
        String t = text;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0
                || t.startsWith("'")) {
            t = "\"" + t.replace("\"", "\"\"") + "\"";
        }
        return t;
    }
}
