package io.minewatch.config;

import java.nio.file.Path;

/** Where snapshots, clips and the database live (default ./data beside the config file). */
public record StorageConfig(Path dir) {
}
