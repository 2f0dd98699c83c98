package io.minewatch.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Loads and validates the server's YAML configuration file.
 *
 * <p>Strict: unknown keys, wrong types, out-of-range values, duplicate ids, cameras on undefined sites
 * and missing source files are all errors. {@code ${VAR}} and {@code ${VAR:-default}} in any string value
 * are replaced from the environment. Every failure is a {@link ConfigException} whose message is one
 * line, {@code <file>: line <N>: <key.path>: <what is wrong>}, and holds no secret.
 *
 * <p>Before anything is checked, the loader {@linkplain Redact#remember(String) remembers} every secret of
 * the document: the value of every key whose name says it is secret ({@code password}, {@code secret},
 * ...) and every credential inside any string ({@code user:pass@} of a URL, {@code ?password=} of a JDBC
 * URL), placeholders already replaced. {@link Redact#text(String)} then masks them in any message.
 */
public final class ConfigLoader {
    /** A configuration is a few kilobytes; a larger file is the wrong file. */
    static final long MAX_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /** Loads the file, substituting placeholders from {@link System#getenv()}. */
    public static MinewatchConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    /** Loads the file, substituting placeholders from {@code env}; relative paths resolve against its folder. */
    public static MinewatchConfig load(Path file, Map<String, String> env) throws ConfigException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        Problems problems = new Problems(file.toString());
        String yaml = read(file, problems);
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        return parse(yaml, baseDir, file.toString(), env);
    }

    /**
     * Parses and validates YAML text.
     *
     * @param yaml       the document; empty means every default
     * @param baseDir    folder that relative file paths (camera sources, storage dir) resolve against
     * @param sourceName name used at the start of every error message, normally the file name
     * @param env        values for {@code ${VAR}} placeholders
     */
    public static MinewatchConfig parse(String yaml, Path baseDir, String sourceName, Map<String, String> env)
            throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(env, "env");
        Problems problems = new Problems(sourceName);
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        YamlNode root = YamlTree.parse(text, env, problems);
        rememberSecrets(root, false);
        return ConfigBinder.bind(root, baseDir.toAbsolutePath().normalize(), problems);
    }

    /** Remembers the secrets under the node; {@code secretKey}: the node is the value of a secret key. */
    static void rememberSecrets(YamlNode node, boolean secretKey) {
        if (node instanceof YamlNode.Mapping m) {
            m.entries().values().forEach(e -> rememberSecrets(e.value(), Redact.secretName(e.key())));
        } else if (node instanceof YamlNode.Sequence seq) {
            seq.items().forEach(item -> rememberSecrets(item, secretKey));
        } else if (node instanceof YamlNode.Scalar s && s.type() != YamlNode.Type.NULL) {
            // "password: 12345678" is an integer to YAML, and a secret all the same.
            if (secretKey) {
                Redact.remember(s.text());
            }
            Redact.rememberCredentials(s.text());
        }
    }

    private static String read(Path file, Problems problems) throws ConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw problems.whole("cannot read: is a directory", null);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw problems.whole("cannot read: larger than " + MAX_BYTES + " bytes", null);
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw problems.whole("cannot read: no such file", e);
        } catch (AccessDeniedException e) {
            throw problems.whole("cannot read: permission denied", e);
        } catch (CharacterCodingException e) {
            throw problems.whole("cannot read: not valid UTF-8", e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw problems.whole("cannot read: " + reason, e);
        }
    }
}
