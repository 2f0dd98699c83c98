package io.minewatch.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a scalar from the environment.
 *
 * <p>There is no escape: a {@code ${} that does not start a well-formed placeholder is an error, so a
 * typo never passes silently. Error reasons name the variable, never a value.
 */
final class Placeholders {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Placeholders() {
    }

    /** Why a placeholder could not be replaced; the message names no value. */
    static final class Unresolved extends Exception {
        private static final long serialVersionUID = 1L;

        Unresolved(String reason) {
            super(reason, null, false, false);
        }
    }

    /** True when the text holds a placeholder (or something that looks like the start of one). */
    static boolean present(String text) {
        return text.contains("${");
    }

    /** The text with every placeholder replaced. */
    static String substitute(String text, Map<String, String> env) throws Unresolved {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw new Unresolved("unterminated placeholder: \"${\" without \"}\"");
            }
            String body = text.substring(start + 2, end);
            int sep = body.indexOf(":-");
            String name = sep < 0 ? body : body.substring(0, sep);
            if (!NAME.matcher(name).matches()) {
                throw new Unresolved("invalid placeholder: expected ${NAME} or ${NAME:-default}, NAME of letters,"
                        + " digits and _");
            }
            String value = env.get(name);
            if (value == null) {
                if (sep < 0) {
                    throw new Unresolved("environment variable " + name + " is not set (and no ${"
                            + name + ":-default} given)");
                }
                value = body.substring(sep + 2);
            }
            out.append(text, from, start).append(value);
            from = end + 1;
        }
        return out.append(text, from, text.length()).toString();
    }
}
