package io.minewatch.config;

import java.util.List;

/**
 * The whole, validated configuration of one minewatch server.
 *
 * <p>Built only by {@link ConfigLoader}; every list is immutable and every id is unique.
 * {@code rtspServer} is null when the optional {@code rtsp_server} section is absent. {@code users} are the
 * console's users besides the officials; their ids and the officials' are unique together. {@code flights}
 * (drone flights: storage, upload limit, detect rate, drone optics) takes its defaults when null. {@code rtmp}
 * (the RTMP publish server) and {@code droneOsd} (live DJI drone positions) are null when their optional
 * sections are absent. {@code cases} (the enforcement loop: catalogue, districts, deadlines, review) takes
 * its defaults when null.
 */
public record MinewatchConfig(
        List<SiteConfig> sites,
        List<CameraConfig> cameras,
        List<OfficialConfig> officials,
        MqttConfig mqtt,
        StorageConfig storage,
        HttpConfig http,
        RtspServerConfig rtspServer,
        DatabaseConfig database,
        AlertsConfig alerts,
        List<UserConfig> users,
        FlightsConfig flights,
        RtmpConfig rtmp,
        DroneOsdConfig droneOsd,
        CasesConfig cases) {

    public MinewatchConfig {
        users = users == null ? List.of() : List.copyOf(users);
        sites = List.copyOf(sites);
        cameras = List.copyOf(cameras);
        officials = List.copyOf(officials);
        alerts = alerts == null ? AlertsConfig.DEFAULT : alerts;
        database = database == null
                ? new DatabaseConfig("jdbc:sqlite:" + storage.dir().resolve("minewatch.db"), null, null, null)
                : database;
        flights = flights == null ? FlightsConfig.defaults(storage.dir()) : flights;
        cases = cases == null ? CasesConfig.DEFAULT : cases;
    }

    /** A configuration with the default case loop (no catalogue, no districts). */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http, RtspServerConfig rtspServer,
            DatabaseConfig database, AlertsConfig alerts, List<UserConfig> users, FlightsConfig flights,
            RtmpConfig rtmp, DroneOsdConfig droneOsd) {
        this(sites, cameras, officials, mqtt, storage, http, rtspServer, database, alerts, users, flights, rtmp,
                droneOsd, null);
    }

    /** A configuration with the default flight settings, without an RTMP server or drone positions. */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http, RtspServerConfig rtspServer,
            DatabaseConfig database, AlertsConfig alerts, List<UserConfig> users) {
        this(sites, cameras, officials, mqtt, storage, http, rtspServer, database, alerts, users, null, null, null);
    }

    /** A configuration without console users (besides the officials). */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http, RtspServerConfig rtspServer,
            DatabaseConfig database, AlertsConfig alerts) {
        this(sites, cameras, officials, mqtt, storage, http, rtspServer, database, alerts, null);
    }

    /** The same configuration with other HTTP settings. */
    public MinewatchConfig withHttp(HttpConfig newHttp) {
        return new MinewatchConfig(sites, cameras, officials, mqtt, storage, newHttp, rtspServer, database, alerts,
                users, flights, rtmp, droneOsd, cases);
    }

    /** The same configuration with other MQTT settings. */
    public MinewatchConfig withMqtt(MqttConfig newMqtt) {
        return new MinewatchConfig(sites, cameras, officials, newMqtt, storage, http, rtspServer, database, alerts,
                users, flights, rtmp, droneOsd, cases);
    }

    /** The same configuration with another case loop (catalogue, districts, deadlines). */
    public MinewatchConfig withCases(CasesConfig newCases) {
        return new MinewatchConfig(sites, cameras, officials, mqtt, storage, http, rtspServer, database, alerts,
                users, flights, rtmp, droneOsd, newCases);
    }

    /** A configuration without an RTSP push server, with the default database and alerting settings. */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http) {
        this(sites, cameras, officials, mqtt, storage, http, null, null, null);
    }

    /** A configuration without an RTSP push server. */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http, DatabaseConfig database, AlertsConfig alerts) {
        this(sites, cameras, officials, mqtt, storage, http, null, database, alerts);
    }

    /** A configuration with the default database and alerting settings. */
    public MinewatchConfig(List<SiteConfig> sites, List<CameraConfig> cameras, List<OfficialConfig> officials,
            MqttConfig mqtt, StorageConfig storage, HttpConfig http, RtspServerConfig rtspServer) {
        this(sites, cameras, officials, mqtt, storage, http, rtspServer, null, null);
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
