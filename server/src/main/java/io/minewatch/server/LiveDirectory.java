package io.minewatch.server;

import io.minewatch.alerts.broker.BrokerSecurity;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.routing.LiveRouting;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.registry.RegistryListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the registry's site and official changes where they are read at run time: the alerts desk's
 * and the read models' routing ({@link LiveRouting}: new alerts route to the new sites' officials and
 * chains, alerts already raised keep their routes), the embedded broker's logins and ACLs
 * ({@link BrokerSecurity}; a removed official's connections are closed), and the sign-in
 * ({@link Authenticator}: an added official may sign in at once, a removed one cannot and its sessions
 * end), and the case desk's patrol districts (dispatch by position and officials' team access follow at
 * once; cases already dispatched keep their team). Each is an immutable snapshot swapped whole; called one change at a time by the registry.
 */
final class LiveDirectory implements RegistryListener {
    private static final Logger log = LoggerFactory.getLogger(LiveDirectory.class);

    private final LiveRouting routing;
    private final BrokerSecurity broker;
    private final EmbeddedBroker embedded;
    private final Authenticator auth;
    private final Consumer<List<DistrictConfig>> districts;

    /**
     * @param broker    the embedded broker's security, or null with an external broker (its logins are its own)
     * @param embedded  the embedded broker, or null
     * @param districts the case desk's districts in force ({@code CaseService::districts})
     */
    LiveDirectory(LiveRouting routing, BrokerSecurity broker, EmbeddedBroker embedded, Authenticator auth,
                  Consumer<List<DistrictConfig>> districts) {
        this.routing = routing;
        this.broker = broker;
        this.embedded = embedded;
        this.auth = auth;
        this.districts = districts;
    }

    @Override
    public void districtsChanged(List<DistrictConfig> list) {
        districts.accept(list);
    }

    @Override
    public void directoryChanged(MinewatchConfig config) {
        if (broker != null) {
            broker.officials(config.officials());
        }
        routing.update(config.alerts(), config.sites(), config.officials());
    }

    @Override
    public void officialChanged(OfficialConfig official, boolean endSessions, String actor) {
        auth.officialChanged(official, endSessions, actor);
        if (endSessions && embedded != null) {
            int n = embedded.disconnectOfficial(official.id());
            log.info("registry: official {} changed; {} MQTT connection(s) closed", official.id(), n);
        }
    }

    @Override
    public void officialRemoved(String id, String actor) {
        auth.officialRemoved(id, actor);
        int n = embedded == null ? 0 : embedded.disconnectOfficial(id);
        log.info("registry: official {} removed by {}; sign-in refused, sessions ended, {} MQTT connection(s) closed",
                id, actor, n);
    }
}
