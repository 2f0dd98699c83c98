package io.minewatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link YamlNode}s with line numbers, substituting placeholders on the way.
 *
 * <p>It walks Jackson's streaming {@link YAMLParser} rather than binding, because binding loses the
 * lines every error message needs. Duplicate keys, aliases and more than one document are errors.
 */
final class YamlTree {
    /** A configuration is a few levels deep; anything far deeper is a mistake or an attack. */
    private static final int MAX_DEPTH = 32;
    /** An empty value ({@code mqtt:}) is null, i.e. "take the defaults", not an empty string. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final Map<String, String> env;
    private final Problems problems;

    private YamlTree(Map<String, String> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** The document's root node, or {@code null} for an empty document. */
    static YamlNode parse(String yaml, Map<String, String> env, Problems problems) throws ConfigException {
        YamlTree tree = new YamlTree(env, problems);
        try (JsonParser p = FACTORY.createParser(yaml)) {
            if (p.nextToken() == null) {
                return null;
            }
            YamlNode root = tree.read(p, "", 0);
            if (p.nextToken() != null) {
                throw problems.at(line(p), "", "only one YAML document is allowed (found a second \"---\")");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, problems);
        } catch (IOException e) {
            throw problems.whole("cannot parse: " + e.getClass().getSimpleName(), e);
        }
    }

    private YamlNode read(JsonParser p, String path, int depth) throws IOException, ConfigException {
        int line = line(p);
        if (depth > MAX_DEPTH) {
            throw problems.at(line, path, "nested more than " + MAX_DEPTH + " levels deep");
        }
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT:
                return readMapping(p, path, depth, line);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + items.size() + "]", depth + 1));
                }
                return new YamlNode.Sequence(line, Collections.unmodifiableList(items));
            case VALUE_STRING:
                return readString(p, path, line);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(line, YamlNode.Type.INTEGER, p.getText(), p.getNumberValue(), false);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(line, YamlNode.Type.FLOAT, p.getText(), p.getDoubleValue(), false);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(line, YamlNode.Type.BOOLEAN, Boolean.toString(token == JsonToken.VALUE_TRUE),
                        null, false);
            case VALUE_NULL:
                return new YamlNode.Scalar(line, YamlNode.Type.NULL, "", null, false);
            default:
                throw problems.at(line, path, "unsupported YAML value (" + token + ")");
        }
    }

    private YamlNode readMapping(JsonParser p, String path, int depth, int line) throws IOException, ConfigException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                throw problems.at(keyLine, keyPath, "duplicate key (first on line " + entries.get(key).line() + ")");
            }
            p.nextToken();
            entries.put(key, new YamlNode.Entry(key, keyLine, read(p, keyPath, depth + 1)));
        }
        return new YamlNode.Mapping(line, Collections.unmodifiableMap(entries));
    }

    private YamlNode readString(JsonParser p, String path, int line) throws IOException, ConfigException {
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            throw problems.at(line, path, "YAML aliases (*name) are not supported; write the value out");
        }
        String text = p.getText();
        if (!Placeholders.present(text)) {
            return new YamlNode.Scalar(line, YamlNode.Type.STRING, text, null, false);
        }
        try {
            return new YamlNode.Scalar(line, YamlNode.Type.STRING, Placeholders.substitute(text, env), null, true);
        } catch (Placeholders.Unresolved e) {
            throw problems.at(line, path, e.getMessage());
        }
    }

    private static int line(JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    /**
     * Turns a YAML syntax error into one line. SnakeYAML's own message quotes the offending lines of
     * the file, which may hold a secret, so only its short problem description is kept.
     */
    private static ConfigException syntaxError(JsonProcessingException e, Problems problems) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        String problem = null;
        for (Throwable t = e; t != null && problem == null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
                problem = m.getProblem();
                if (m.getProblemMark() != null) {
                    line = m.getProblemMark().getLine() + 1;
                }
            }
        }
        if (problem == null) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            int nl = original.indexOf('\n');
            // Jackson quotes the offending scalar (e.g. "Malformed numeric value '...'"): it may be a secret.
            problem = (nl < 0 ? original : original.substring(0, nl)).replaceAll("'[^']*'", "'...'");
        }
        // No cause attached: the parser's message and its snippet of the file must not reach a log.
        return problems.atLine(line, "YAML syntax error: " + problem);
    }
}
