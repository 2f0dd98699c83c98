package io.minewatch.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The authority catalogue's file (issue 18), CSV or YAML: read by the configuration loader
 * ({@code catalogue.file}) and by the run-time import ({@code POST /api/v1/admin/catalogue}).
 *
 * <p>CSV: UTF-8 (a BOM is allowed), header {@code code,name,owner,level,rules}, {@code rules} separated by
 * {@code ;}, fields quoted with {@code "} when they hold a comma. YAML: a list of maps with the same keys
 * ({@code rules} a list), or {@code {matters: [...], townships: {id: [codes]}}}. {@code owner} is
 * {@value MatterConfig#TOWNSHIP} or a department id; {@code level} quick, tough or emergency (default quick).
 * Every error is a {@link ConfigException} naming the file, the line and the field; unknown owner,
 * duplicate code, unknown level and unknown rule are errors.
 */
public final class CatalogueFile {
    /** A catalogue is a few hundred lines; a larger file is the wrong file. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Matters of one catalogue at most. */
    public static final int MAX_MATTERS = 2000;
    static final List<String> COLUMNS = List.of("code", "name", "owner", "level", "rules");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_NAME = 256;

    /**
     * What a catalogue file holds.
     *
     * @param delegated township id to delegated matter codes (YAML only; empty for CSV)
     */
    public record Contents(List<MatterConfig> matters, Map<String, List<String>> delegated) {
        public Contents {
            matters = List.copyOf(matters);
            delegated = Map.copyOf(delegated);
        }
    }

    /**
     * What names are known when a catalogue is checked.
     *
     * @param departments department ids (owners besides township)
     * @param rules       detection rule names a matter may map to
     * @param townships   township ids a delegated list may name; null: any
     */
    public record Known(Set<String> departments, Set<String> rules, Set<String> townships) {
    }

    private CatalogueFile() {
    }

    /** The department ids of the configuration (a matter's owner besides township). */
    public static Set<String> departments(AlertsConfig alerts) {
        Set<String> out = new LinkedHashSet<>();
        alerts.departments().forEach(d -> out.add(d.id()));
        return out;
    }

    /**
     * The detection rule names a matter may map to: {@code heavy_vehicle}, the rule types of
     * {@code detect.rules}, and every rule the alerting sections name (levels, departments, authority).
     */
    public static Set<String> rules(AlertsConfig alerts) {
        Set<String> out = new LinkedHashSet<>();
        out.add("heavy_vehicle");
        out.addAll(DetectSettings.RuleConfig.TYPES);
        out.addAll(alerts.levels().keySet());
        alerts.departments().forEach(d -> out.addAll(d.rules()));
        alerts.townships().forEach(t -> out.addAll(t.authority()));
        return out;
    }

    /** Reads a file; the format by its extension ({@code .csv}, else YAML). */
    public static Contents read(Path file, Known known) throws ConfigException {
        Problems problems = new Problems(file.toString());
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw problems.whole("cannot read: larger than " + MAX_BYTES + " bytes", null);
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw problems.whole("cannot read: no such file", e);
        } catch (CharacterCodingException e) {
            throw problems.whole("cannot read: not valid UTF-8", e);
        } catch (IOException e) {
            throw problems.whole("cannot read: " + e.getClass().getSimpleName(), e);
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return parse(text, name.endsWith(".csv") ? "csv" : "yaml", file.toString(), known);
    }

    /**
     * Parses catalogue text.
     *
     * @param format {@code csv} or {@code yaml}
     * @param source the name every error message starts with (the file, or {@code catalogue upload})
     */
    public static Contents parse(String text, String format, String source, Known known) throws ConfigException {
        Problems problems = new Problems(source);
        if (text.length() > MAX_BYTES) {
            throw problems.whole("larger than " + MAX_BYTES + " characters", null);
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return switch (format) {
            case "csv" -> new Contents(CatalogueCsv.parse(body, problems, known), Map.of());
            case "yaml", "yml" -> yaml(body, problems, known);
            default -> throw problems.whole("unknown catalogue format " + Problems.quote(format)
                    + " (csv or yaml)", null);
        };
    }

    private static Contents yaml(String text, Problems problems, Known known) throws ConfigException {
        YamlNode root = YamlTree.parse(text, Map.of(), problems);
        if (root == null) {
            throw problems.atLine(1, "the catalogue is empty");
        }
        List<Section> items;
        Map<String, List<String>> delegated = Map.of();
        if (root instanceof YamlNode.Sequence) {
            Section top = Section.of(new YamlNode.Mapping(1, Map.of("matters",
                    new YamlNode.Entry("matters", 1, root))), 1, "", problems);
            items = top.list("matters");
        } else {
            Section top = Section.of(root, 1, "", problems);
            top.allowOnly(List.of("matters", "townships"));
            items = top.list("matters");
            List<MatterConfig> tmp = matters(items, known);
            delegated = delegated(top.section("townships"), codes(tmp), known.townships());
            return new Contents(tmp, delegated);
        }
        return new Contents(matters(items, known), delegated);
    }

    /** The matters of YAML items ({@code catalogue.matters} inline, or a YAML file's). */
    static List<MatterConfig> matters(List<Section> items, Known known) throws ConfigException {
        List<MatterConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (items.size() > MAX_MATTERS) {
            throw items.get(MAX_MATTERS).error("code", "more than " + MAX_MATTERS + " matters");
        }
        for (Section s : items) {
            s.allowOnly(COLUMNS);
            out.add(check(new Field() {
                @Override
                public ConfigException error(String key, String what) {
                    return s.error(key, what);
                }
            }, s.requiredString("code"), s.string("name", null), s.requiredString("owner"),
                    s.string("level", null), s.stringList("rules"), seen, known));
        }
        return out;
    }

    /** A township id to codes section, every code in {@code codes}. */
    static Map<String, List<String>> delegated(Section s, Set<String> codes, Set<String> townships)
            throws ConfigException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String township : s.keys()) {
            if (townships != null && !townships.contains(township)) {
                throw s.error(township, "unknown township " + Problems.quote(township) + " (not in townships[])");
            }
            List<String> list = s.stringList(township);
            for (String code : list) {
                if (!codes.contains(code)) {
                    throw s.error(township, "unknown matter " + Problems.quote(code) + " (not in the catalogue)");
                }
            }
            out.put(township, List.copyOf(new LinkedHashSet<>(list)));
        }
        return out;
    }

    /** The codes of these matters, in order. */
    public static Set<String> codes(List<MatterConfig> matters) {
        Set<String> out = new LinkedHashSet<>();
        matters.forEach(m -> out.add(m.code()));
        return out;
    }

    /** Where an error of one matter is reported (a YAML section, or a CSV line). */
    interface Field {
        ConfigException error(String key, String what);
    }

    /** Checks one matter's fields; its code must not be in {@code seen} (to which it is added). */
    static MatterConfig check(Field at, String code, String name, String owner, String level, List<String> rules,
            Set<String> seen, Known known) throws ConfigException {
        if (code == null || !CODE.matcher(code).matches()) {
            throw at.error("code", "invalid matter code " + Problems.quote(String.valueOf(code))
                    + " (1 to 64 letters, digits, '.', '_' or '-')");
        }
        if (!seen.add(code)) {
            throw at.error("code", "duplicate matter code " + Problems.quote(code));
        }
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            throw at.error("name", "name must be 1 to " + MAX_NAME + " characters");
        }
        if (owner == null || owner.isBlank()) {
            throw at.error("owner", "owner is required (township or a department id)");
        }
        if (!MatterConfig.TOWNSHIP.equals(owner) && !known.departments().contains(owner)) {
            throw at.error("owner", "unknown owner " + Problems.quote(owner) + " (township or a department: "
                    + String.join(", ", known.departments()) + ")");
        }
        String lv = level == null || level.isBlank() ? "quick" : level;
        if (!AlertsConfig.LEVELS.contains(lv)) {
            throw at.error("level", "unknown level " + Problems.quote(lv) + " (quick, tough or emergency)");
        }
        List<String> rs = new ArrayList<>();
        for (String r : rules) {
            String rule = r.strip();
            if (rule.isEmpty()) {
                continue;
            }
            if (!known.rules().contains(rule)) {
                throw at.error("rules", "unknown rule " + Problems.quote(rule) + " (known: "
                        + String.join(", ", known.rules()) + ")");
            }
            rs.add(rule);
        }
        return new MatterConfig(code, name == null ? null : name.strip(), owner, lv, rs);
    }
}
