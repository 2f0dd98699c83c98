package io.minewatch.server.registry;

import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import java.util.List;

/**
 * Where changes of sites, officials and districts go besides the configuration in force: the alerts desk's
 * routing, the broker's logins, the sign-in and the case desk.
 */
public interface RegistryListener {
    /** Changes go nowhere (before the desk, broker and sign-in are attached). */
    RegistryListener NONE = new RegistryListener() {
        @Override
        public void directoryChanged(MinewatchConfig config) {
        }

        @Override
        public void officialChanged(OfficialConfig official, boolean endSessions, String actor) {
        }

        @Override
        public void officialRemoved(String id, String actor) {
        }
    };

    /**
     * The sites or officials in force changed (routing and broker logins follow).
     *
     * @throws IllegalArgumentException when the broker refuses an official id (nothing changed)
     */
    void directoryChanged(MinewatchConfig config);

    /** A registry official was added or changed (sign-in follows; its sessions end when asked). */
    void officialChanged(OfficialConfig official, boolean endSessions, String actor);

    /** A registry official was removed: it can no longer sign in; its sessions and MQTT connections end. */
    void officialRemoved(String id, String actor);

    /** The districts in force changed (the case desk's dispatch and team access follow); by default nowhere. */
    default void districtsChanged(List<DistrictConfig> districts) {
    }
}
