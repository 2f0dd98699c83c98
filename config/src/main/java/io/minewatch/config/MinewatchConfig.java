package io.minewatch.config;

import java.util.List;

/**
 * The whole, validated configuration of one minewatch server.
 *
 * <p>Built only by {@link ConfigLoader}; every list is immutable and every id is unique.
 * {@code rtspServer} is null when the optional {@code rtsp_server} section is absent.
 */
public record MinewatchConfig(
        List<SiteConfig> sites,
        List<CameraConfig> cameras,
        List<OfficialConfig> officials,
        MqttConfig mqtt,
        StorageConfig storage,
        HttpConfig http,
        RtspServerConfig rtspServer) {

    public MinewatchConfig {
        sites = List.copyOf(sites);
        cameras = List.copyOf(cameras);
        officials = List.copyOf(officials);
    }

    /** A configuration without an RTSP push server. */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
                           MqttConfig mqtt, StorageConfig storage, HttpConfig http) {
        this(sites, cameras, officials, mqtt, storage, http, null);
    }

    /** The site with this id; the loader guarantees every camera's site exists. */
    public SiteConfig site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site " + id));
    }
}
