package io.minewatch.alerts.cases;

import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.SiteConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** What the parts of the case desk share: settings, tables, catalogue, meters, where photos go. */
record CaseContext(MinewatchConfig config, Catalogue catalogue, CaseRows cases, PartRows parts, WhistleRows whistles,
                   Sequences ids, CaseMetrics metrics, Function<String, Optional<SiteConfig>> sites, Path storageDir) {
}
