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
        HttpConfig http) {

    public MinewatchConfig {
        sites = List.copyOf(sites);
        cameras = List.copyOf(cameras);
        officials = List.copyOf(officials);
    }

    /** The site with this id; the loader guarantees every camera's site exists. */
    public SiteConfig site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site " + id));
    }
}
