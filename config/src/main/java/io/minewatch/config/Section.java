package io.minewatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed, strict access to one YAML mapping of the configuration, e.g. {@code mqtt} or {@code cameras[2]}.
 *
 * <p>Every accessor knows the key path and line of what it reads, so every error it throws is one line
 * naming both. Absent keys and explicit {@code null} values take the default.
 */
final class Section {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final YamlNode.Mapping map;
    private final String path;
    private final Problems problems;

    private Section(YamlNode.Mapping map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The node as a section; {@code null} (absent or empty) is an empty section at the given line. */
    static Section of(YamlNode node, int line, String path, Problems problems) throws ConfigException {
        if (node == null || node instanceof YamlNode.Scalar s && s.type() == YamlNode.Type.NULL) {
            return new Section(new YamlNode.Mapping(node == null ? line : node.line(), Map.of()), path, problems);
        }
        if (node instanceof YamlNode.Mapping m) {
            return new Section(m, path, problems);
        }
        throw problems.at(node.line(), path, "expected a map, found " + node.kind());
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    /** The path of a key of this section, e.g. {@code cameras[0].fps}. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The line of a key's value, or of the section when the key is absent. */
    int lineOf(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.line() : e.value().line();
    }

    /** An error about a key of this section, at the line of its value. */
    ConfigException error(String key, String what) {
        return problems.at(lineOf(key), pathOf(key), what);
    }

    /** Fails on the first key that is not one of the given ones. */
    void allowOnly(List<String> keys) throws ConfigException {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!keys.contains(e.key())) {
                throw problems.at(e.line(), pathOf(e.key()),
                        "unknown key (expected one of: " + String.join(", ", keys) + ")");
            }
        }
    }

    /** The scalar under the key, or {@code null} when absent or null; a map or list is an error. */
    YamlNode.Scalar scalar(String key, String expected) throws ConfigException {
        YamlNode.Entry e = map.entries().get(key);
        if (e == null) {
            return null;
        }
        if (e.value() instanceof YamlNode.Scalar s) {
            return s.type() == YamlNode.Type.NULL ? null : s;
        }
        throw error(key, "expected " + expected + ", found " + e.value().kind());
    }

    /** A string value; numbers and booleans are taken as written. */
    String string(String key, String def) throws ConfigException {
        YamlNode.Scalar s = scalar(key, "a string");
        return s == null ? def : s.text();
    }

    /** A string value that must be present. */
    String requiredString(String key) throws ConfigException {
        String value = string(key, null);
        if (value == null) {
            throw error(key, map.entries().containsKey(key) ? "must not be empty" : "required key is missing");
        }
        return value;
    }

    /** A string value that, when present, must not be blank. */
    String nonBlank(String key, String def) throws ConfigException {
        String value = string(key, def);
        if (value != null && value.isBlank()) {
            throw error(key, "must not be blank");
        }
        return value;
    }

    /** A number; an integer is taken as a number, a string only when it came from a placeholder. */
    double number(String key, Double def) throws ConfigException {
        YamlNode.Scalar s = scalar(key, "a number");
        if (s == null) {
            if (def == null) {
                throw error(key, "required key is missing");
            }
            return def;
        }
        if (s.type() == YamlNode.Type.INTEGER || s.type() == YamlNode.Type.FLOAT) {
            return s.number().doubleValue();
        }
        if (fromEnv(s) && DECIMAL.matcher(s.text().strip()).matches()) {
            return Double.parseDouble(s.text().strip());
        }
        throw error(key, "expected a number, found " + s.kind());
    }

    /** A whole number that fits an int. */
    int integer(String key, int def) throws ConfigException {
        YamlNode.Scalar s = scalar(key, "an integer");
        if (s == null) {
            return def;
        }
        if (s.type() == YamlNode.Type.INTEGER) {
            if (s.number() instanceof Integer i) {
                return i;
            }
            throw error(key, "integer out of range: " + s.shown());
        }
        if (fromEnv(s)) {
            try {
                return Integer.parseInt(s.text().strip());
            } catch (NumberFormatException e) {
                throw error(key, "expected an integer " + s.shown());
            }
        }
        throw error(key, "expected an integer, found " + s.kind());
    }

    /** A boolean; the strings true and false count only when they came from a placeholder. */
    boolean bool(String key, boolean def) throws ConfigException {
        YamlNode.Scalar s = scalar(key, "true or false");
        if (s == null) {
            return def;
        }
        if (s.type() == YamlNode.Type.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        if (fromEnv(s) && (s.text().strip().equalsIgnoreCase("true") || s.text().strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.text().strip());
        }
        throw error(key, "expected true or false, found " + s.kind());
    }

    /** How to show the value under the key in a message (never a value from the environment). */
    String shown(String key) throws ConfigException {
        YamlNode.Scalar s = scalar(key, "a value");
        return s == null ? "null" : s.shown();
    }

    /** True when the value under the key came from a placeholder. */
    boolean substituted(String key) throws ConfigException {
        YamlNode.Scalar s = scalar(key, "a value");
        return s != null && s.substituted();
    }

    /** Whether the key is present (even with a null value). */
    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** The nested section under the key; absent or null is an empty one. */
    Section section(String key) throws ConfigException {
        YamlNode.Entry e = map.entries().get(key);
        return of(e == null ? null : e.value(), lineOf(key), pathOf(key), problems);
    }

    /** The list of sections under the key; absent or null is an empty list. */
    List<Section> list(String key) throws ConfigException {
        YamlNode.Entry e = map.entries().get(key);
        if (e == null || e.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.Type.NULL) {
            return List.of();
        }
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            throw error(key, "expected a list, found " + e.value().kind());
        }
        List<Section> out = new ArrayList<>(seq.items().size());
        for (YamlNode item : seq.items()) {
            String itemPath = pathOf(key) + "[" + out.size() + "]";
            if (!(item instanceof YamlNode.Mapping)) {
                throw problems.at(item.line(), itemPath, "expected a map, found " + item.kind());
            }
            out.add(of(item, item.line(), itemPath, problems));
        }
        return out;
    }

    private static boolean fromEnv(YamlNode.Scalar s) {
        return s.type() == YamlNode.Type.STRING && s.substituted();
    }
}
