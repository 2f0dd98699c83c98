package io.minewatch.config;

import java.util.List;

/**
 * The whole, validated configuration of one minewatch server.
 *
 * <p>Built only by {@link ConfigLoader}; every list is immutable and every id is unique.
 */
public record MinewatchConfig(
        List<SiteConfig> sites,
        List<CameraConfig> cameras,
        List<OfficialConfig> officials,
        MqttConfig mqtt,
        StorageConfig storage,
        HttpConfig http,
        DatabaseConfig database,
        AlertsConfig alerts) {

    public MinewatchConfig {
        sites = List.copyOf(sites);
        cameras = List.copyOf(cameras);
        officials = List.copyOf(officials);
        alerts = alerts == null ? AlertsConfig.DEFAULT : alerts;
        database = database == null
                ? new DatabaseConfig("jdbc:sqlite:" + storage.dir().resolve("minewatch.db"), null, null, null)
                : database;
    }

    /** A configuration with the default database and alerting settings. */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http) {
        this(sites, cameras, officials, mqtt, storage, http, null, null);
    }

    /** The official with this id, or null. */
    public OfficialConfig official(String id) {
        return officials.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    /** The site with this id; the loader guarantees every camera's site exists. */
    public SiteConfig site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site " + id));
    }
}
