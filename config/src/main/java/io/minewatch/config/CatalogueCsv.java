package io.minewatch.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CSV form of the catalogue: header {@code code,name,owner,level,rules} (any order, all five), one matter
 * a line, {@code "} quotes a field ({@code ""} inside one), blank lines skipped. Errors name the line and the
 * column.
 */
final class CatalogueCsv {

    private CatalogueCsv() {
    }

    static List<MatterConfig> parse(String text, Problems problems, CatalogueFile.Known known)
            throws ConfigException {
        List<Row> rows = rows(text, problems);
        if (rows.isEmpty()) {
            throw problems.atLine(1, "the catalogue is empty (expected the header code,name,owner,level,rules)");
        }
        Row header = rows.get(0);
        List<String> columns = header.fields.stream().map(f -> f.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String c : columns) {
            if (!CatalogueFile.COLUMNS.contains(c)) {
                throw problems.at(header.line, "header", "unknown column " + Problems.quote(c)
                        + " (expected code,name,owner,level,rules)");
            }
        }
        if (new LinkedHashSet<>(columns).size() != columns.size() || !columns.containsAll(CatalogueFile.COLUMNS)) {
            throw problems.at(header.line, "header", "expected the columns code,name,owner,level,rules once each");
        }
        List<MatterConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields.size() != columns.size()) {
                throw problems.at(row.line, "row", "expected " + columns.size() + " fields, found "
                        + row.fields.size());
            }
            if (out.size() >= CatalogueFile.MAX_MATTERS) {
                throw problems.at(row.line, "row", "more than " + CatalogueFile.MAX_MATTERS + " matters");
            }
            String rules = row.get(columns, "rules");
            out.add(CatalogueFile.check((key, what) -> problems.at(row.line, key, what),
                    blankToNull(row.get(columns, "code")), blankToNull(row.get(columns, "name")),
                    blankToNull(row.get(columns, "owner")), blankToNull(row.get(columns, "level")),
                    rules.isBlank() ? List.of() : Arrays.asList(rules.split(";")), seen, known));
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    /** One record and the line it starts on. */
    private record Row(int line, List<String> fields) {
        String get(List<String> columns, String column) {
            return fields.get(columns.indexOf(column));
        }
    }

    /** Splits the text into records of fields (RFC 4180 quoting), skipping blank lines. */
    private static List<Row> rows(String text, Problems problems) throws ConfigException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.toString().isBlank()) {
                    fields.add(field.toString());
                    rows.add(new Row(start, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                any = false;
                line++;
                start = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw problems.atLine(start, "a quoted field is not closed");
        }
        if (any || !field.toString().isBlank()) {
            fields.add(field.toString());
            rows.add(new Row(start, List.copyOf(fields)));
        }
        return rows;
    }
}
