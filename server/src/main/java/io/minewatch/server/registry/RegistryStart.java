package io.minewatch.server.registry;

import io.minewatch.config.CameraConfig;
import io.minewatch.config.ConfigException;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.Redact;
import io.minewatch.config.RegistryBinder;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.TownshipConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration in force at start: the YAML plus every stored registry entry that still binds
 * (officials, then townships, districts, sites and cameras, each against what came before); one that no
 * longer does is skipped and logged with the loader's message.
 */
final class RegistryStart {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);

    private RegistryStart() {
    }

    static MinewatchConfig effective(MinewatchConfig yaml, RegistryStore store, SealedBinding binding) {
        MinewatchConfig c = yaml;
        for (RegistryStore.Entry e : store.all(Registry.OFFICIAL)) {
            try {
                List<OfficialConfig> list = new ArrayList<>(c.officials());
                list.add(binding.official(e, c));
                c = RegistryBinder.with(c, c.sites(), c.cameras(), list);
            } catch (ConfigException | RuntimeException x) {
                log.warn("registry official {} skipped: {}", e.id(), Redact.text(x.getMessage()));
            }
        }
        for (RegistryStore.Entry e : store.all(Registry.TOWNSHIP)) {
            try {
                List<TownshipConfig> list = new ArrayList<>(c.alerts().townships());
                list.add(RegistryBinder.township(e.body(), Map.of(), c, null));
                c = RegistryBinder.withTownships(c, list);
            } catch (ConfigException | RuntimeException x) {
                log.warn("registry township {} skipped: {}", e.id(), Redact.text(x.getMessage()));
            }
        }
        for (RegistryStore.Entry e : store.all(Registry.DISTRICT)) {
            try {
                List<DistrictConfig> list = new ArrayList<>(c.cases().districts());
                list.add(RegistryBinder.district(e.body(), Map.of(), c, null));
                c = RegistryBinder.withDistricts(c, list);
            } catch (ConfigException | RuntimeException x) {
                log.warn("registry district {} skipped: {}", e.id(), Redact.text(x.getMessage()));
            }
        }
        for (RegistryStore.Entry e : store.all(Registry.SITE)) {
            try {
                List<SiteConfig> list = new ArrayList<>(c.sites());
                list.add(RegistryBinder.site(e.body(), Map.of(), c, null));
                c = RegistryBinder.with(c, list, c.cameras(), c.officials());
            } catch (ConfigException | RuntimeException x) {
                log.warn("registry site {} skipped: {}", e.id(), Redact.text(x.getMessage()));
            }
        }
        for (RegistryStore.Entry e : store.all(Registry.CAMERA)) {
            try {
                List<CameraConfig> list = new ArrayList<>(c.cameras());
                list.add(binding.camera(e.body(), binding.credentials(e), c, null));
                c = RegistryBinder.with(c, c.sites(), list, c.officials());
            } catch (ConfigException | RuntimeException x) {
                log.warn("registry camera {} skipped: {}", e.id(), Redact.text(x.getMessage()));
            }
        }
        return c;
    }
}
