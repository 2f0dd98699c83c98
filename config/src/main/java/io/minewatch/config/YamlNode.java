package io.minewatch.config;

import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers the line it starts on, so that errors can name it. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** The 1-based line where the value starts. */
    int line();

    /** What the value is, for messages: "a map", "a list", "a string", ... */
    String kind();

    /** One key of a mapping: its name, the line of the key, and its value. */
    record Entry(String key, int line, YamlNode value) {
    }

    /** A YAML mapping, keys in document order. */
    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
        @Override
        public String kind() {
            return "a map";
        }
    }

    /** A YAML sequence. */
    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** The type YAML resolved a scalar to. */
    enum Type { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /**
     * A YAML scalar.
     *
     * @param text        the value as text, after placeholder substitution
     * @param number      the value of an INTEGER or FLOAT scalar, else null
     * @param substituted true when a {@code ${VAR}} placeholder was replaced: the text is then never shown
     */
    record Scalar(int line, Type type, String text, Number number, boolean substituted) implements YamlNode {
        @Override
        public String kind() {
            return switch (type) {
                case INTEGER -> "an integer";
                case FLOAT -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
                case STRING -> "a string";
            };
        }

        /** The value for a message: quoted, or a note when it came from the environment. */
        String shown() {
            return substituted ? "(value from the environment, not shown)" : Problems.quote(text);
        }

        @Override
        public String toString() {
            return "Scalar[line=" + line + ", type=" + type + ", text=" + (substituted ? Redact.MASK : text) + "]";
        }
    }
}
