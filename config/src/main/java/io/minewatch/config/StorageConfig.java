package io.minewatch.config;

import java.nio.file.Path;

/**
 * Where snapshots, clips, evidence and the database live (default ./data beside the config file),
 * and how clips are kept.
 */
public record StorageConfig(Path dir, ClipsConfig clips) {

    public StorageConfig {
        clips = clips == null ? ClipsConfig.DEFAULT : clips;
    }

    /** Storage with the default clip settings. */
    public StorageConfig(Path dir) {
        this(dir, ClipsConfig.DEFAULT);
    }
}
