package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a config file into a test folder, loads it, and checks the one-line shape of errors. */
final class ConfigFixture {
    private final Path dir;

    ConfigFixture(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    MinewatchConfig load(String yaml) throws Exception {
        return load(yaml, Map.of());
    }

    MinewatchConfig load(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.load(write("site.yaml", yaml), env);
    }

    /** Loads and expects failure; returns the message after checking it is one line. */
    String error(String yaml) throws IOException {
        return error(yaml, Map.of());
    }

    String error(String yaml, Map<String, String> env) throws IOException {
        Path file = write("site.yaml", yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "not one line: " + message);
        return message;
    }

    /** The start every message about this fixture's file has. */
    String prefix() {
        return dir.resolve("site.yaml") + ": ";
    }
}
