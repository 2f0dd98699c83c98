package io.minewatch.server.registry;

import static io.minewatch.server.registry.RegistryJson.fixId;
import static io.minewatch.server.registry.RegistryJson.object;
import static io.minewatch.server.registry.RegistryJson.sha256;
import static io.minewatch.server.registry.RegistryJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.ConfigException;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.Redact;
import io.minewatch.config.RegistryBinder;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.TownshipConfig;
import io.minewatch.server.LiveCameras;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time registry of sites, cameras, officials, townships and patrol districts: what an admin adds in the console, on top of
 * the YAML file, which stays the bootstrap.
 *
 * <p>The rule: YAML entries are read-only in the console (changed by editing the file and restarting);
 * registry entries add to them; an id is unique across both (a registry entry whose id the YAML later
 * takes is skipped at start, with a warning: the file wins). Every entry goes through the YAML loader's
 * own binders ({@link RegistryBinder}), so a bad field gets the loader's message. A change is checked,
 * applied live ({@link LiveCameras}: only that camera starts, restarts or stops), stored
 * ({@link RegistryStore}) and audited (who, what, the SHA-256 of the stored entry) in the evidence
 * audit trail. Credentials are sealed ({@link CredentialSeal}) and never answered or logged: answers say
 * only {@code "credentials": true}.
 */
public final class Registry {
    /** Who did what to which entry, with the SHA-256 of the stored body (or "" for a removal). */
    @FunctionalInterface
    public interface Audit {
        void record(String actor, String action, String subject, String sha256);
    }

    private static final Logger log = LoggerFactory.getLogger(Registry.class);
    static final String SITE = "site";
    static final String CAMERA = "camera";
    static final String OFFICIAL = "official";
    static final String TOWNSHIP = "township";
    static final String DISTRICT = "district";

    private final RegistryStore store;
    private final CredentialSeal seal;
    private final SealedBinding binding;
    private final MinewatchConfig yaml;
    private final Audit audit;
    private volatile LiveCameras live;
    private volatile RegistryListener listener = RegistryListener.NONE;

    public Registry(RegistryStore store, CredentialSeal seal, MinewatchConfig yaml, Audit audit) {
        this.store = store;
        this.seal = seal;
        this.binding = new SealedBinding(seal);
        this.yaml = yaml;
        this.audit = audit;
    }

    /** Once the cameras run: the live side that changes apply to. */
    public void attach(LiveCameras cameras) {
        this.live = cameras;
    }

    /** Once the desk, broker and sign-in run: where site and official changes apply live. */
    public void attach(LiveCameras cameras, RegistryListener changes) {
        this.live = cameras;
        this.listener = changes;
    }

    /**
     * The configuration in force at start: the YAML plus every stored entry that still binds (officials,
     * then sites, then cameras, each against what came before); one that no longer does is skipped and
     * logged with the loader's message.
     */
    public MinewatchConfig effective() {
        return RegistryStart.effective(yaml, store, binding);
    }

    /** Sites, cameras, officials, townships and districts in force, each marked with its source (see {@link RegistryListing}). */
    public ObjectNode list() {
        return RegistryListing.list(live.config(), byId(SITE), byId(CAMERA), byId(OFFICIAL), byId(TOWNSHIP),
                byId(DISTRICT));
    }

    /** One registry entry as stored (credentials only as {@code "credentials": true}); null when none. */
    public ObjectNode get(String kind, String id) {
        RegistryStore.Entry e = byId(kind).get(id);
        return e == null ? null : RegistryListing.stored(e);
    }

    /**
     * Adds ({@code id} null) or replaces a camera: body = a {@code cameras[]} item of the YAML (detect
     * URL, site, fps, detection with zones, schedules and rules ...) plus optional {@code username} and
     * {@code password} (on an edit, absent keeps the stored ones; "" clears them).
     */
    public synchronized String putCamera(JsonNode body, String id, String actor) throws RegistryException {
        ObjectNode entry = object(body);
        String user = CameraEntries.take(entry, "username");
        String pass = CameraEntries.take(entry, "password");
        Redact.remember(pass);
        String detect = CameraEntries.text(entry, "detect");
        CameraEntries.Credentials creds = new CameraEntries.Credentials(user, pass);
        CameraEntries.Credentials inUrl = CameraEntries.userInfo(detect == null ? "" : detect);
        if (detect != null) {
            entry.put("detect", CameraEntries.withoutUserInfo(detect));
        }
        if (inUrl.any() && !creds.any()) {
            creds = inUrl;
        }
        RegistryStore.Entry old = id == null ? null : editable(CAMERA, id);
        if (old != null && user == null && pass == null && !inUrl.any()) {
            creds = binding.credentials(old);
        }
        fixId(entry, id);
        String text = write(entry);
        CameraConfig camera;
        try {
            camera = binding.camera(text, creds, live.config(), id);
        } catch (ConfigException e) {
            throw new RegistryException(400, e.getMessage());
        }
        try {
            if (id == null) {
                live.add(camera);
            } else {
                live.replace(camera);
            }
        } catch (Exception e) {
            throw new RegistryException(400, "camera " + camera.id() + " cannot start: " + e.getMessage());
        }
        String sealed = creds.any() ? binding.seal(creds) : null;
        store.put(CAMERA, camera.id(), text, sealed, actor);
        audit.record(actor, id == null ? "registry_camera_added" : "registry_camera_changed", "camera:" + camera.id(),
                sha256(text));
        log.info("registry: camera {} {} by {}", camera.id(), id == null ? "added" : "changed", actor);
        return camera.id();
    }

    /** A probe in the audit trail: who probed, and the outcome (never the URL or its credentials). */
    public void probed(String actor, String outcome) {
        audit.record(actor, "camera_probed", outcome, "");
    }

    /** Removes a registry camera: it stops; its alerts and clips stay. */
    public synchronized void deleteCamera(String id, String actor) throws RegistryException {
        editable(CAMERA, id);
        live.remove(id);
        store.delete(CAMERA, id);
        audit.record(actor, "registry_camera_removed", "camera:" + id, "");
        log.info("registry: camera {} removed by {}", id, actor);
    }

    /** Adds ({@code id} null) or replaces a site: a {@code sites[]} item of the YAML. */
    public synchronized String putSite(JsonNode body, String id, String actor) throws RegistryException {
        ObjectNode entry = object(body);
        if (id != null) {
            editable(SITE, id);
        }
        fixId(entry, id);
        String text = write(entry);
        SiteConfig site;
        try {
            site = RegistryBinder.site(text, Map.of(), live.config(), id);
        } catch (ConfigException e) {
            throw new RegistryException(400, e.getMessage());
        }
        live.putSite(site);
        listener.directoryChanged(live.config());
        store.put(SITE, site.id(), text, null, actor);
        audit.record(actor, id == null ? "registry_site_added" : "registry_site_changed", "site:" + site.id(),
                sha256(text));
        return site.id();
    }

    public synchronized void deleteSite(String id, String actor) throws RegistryException {
        editable(SITE, id);
        try {
            live.removeSite(id);
        } catch (IllegalStateException e) {
            throw new RegistryException(409, e.getMessage());
        }
        listener.directoryChanged(live.config());
        store.delete(SITE, id);
        audit.record(actor, "registry_site_removed", "site:" + id, "");
    }

    /**
     * Adds ({@code id} null) or replaces a township: a {@code townships[]} item of the YAML (id, team,
     * authority). Routing follows at once: new alerts of its sites also go to its team, and rules outside
     * its authority are whistled to their departments.
     */
    public synchronized String putTownship(JsonNode body, String id, String actor) throws RegistryException {
        ObjectNode entry = object(body);
        if (id != null) {
            editable(TOWNSHIP, id);
        }
        fixId(entry, id);
        String text = write(entry);
        TownshipConfig township;
        try {
            township = RegistryBinder.township(text, Map.of(), live.config(), id);
        } catch (ConfigException e) {
            throw new RegistryException(400, e.getMessage());
        }
        List<TownshipConfig> list = new ArrayList<>(live.config().alerts().townships());
        list.removeIf(t -> t.id().equals(township.id()));
        list.add(township);
        live.townships(list);
        listener.directoryChanged(live.config());
        store.put(TOWNSHIP, township.id(), text, null, actor);
        audit.record(actor, id == null ? "registry_township_added" : "registry_township_changed",
                "township:" + township.id(), sha256(text));
        return township.id();
    }

    /** Removes a registry township: its sites' new alerts no longer go to its team. */
    public synchronized void deleteTownship(String id, String actor) throws RegistryException {
        editable(TOWNSHIP, id);
        String inUse = RegistryReferences.township(live.config(), id);
        if (inUse != null) {
            throw new RegistryException(409, inUse);
        }
        List<TownshipConfig> list = new ArrayList<>(live.config().alerts().townships());
        list.removeIf(t -> t.id().equals(id));
        live.townships(list);
        listener.directoryChanged(live.config());
        store.delete(TOWNSHIP, id);
        audit.record(actor, "registry_township_removed", "township:" + id, "");
    }

    /**
     * Adds ({@code id} null) or replaces a patrol district: a {@code districts[]} item of the YAML (id, name,
     * township, boundary, teams with members), checked like the loader's (boundary corners, township and
     * members known, team ids unique across every district). In force at once: the case desk places new
     * cases and dispatches by it, and its members see their teams' cases.
     */
    public synchronized String putDistrict(JsonNode body, String id, String actor) throws RegistryException {
        ObjectNode entry = object(body);
        if (id != null) {
            editable(DISTRICT, id);
        }
        fixId(entry, id);
        String text = write(entry);
        DistrictConfig district;
        try {
            district = RegistryBinder.district(text, Map.of(), live.config(), id);
        } catch (ConfigException e) {
            throw new RegistryException(400, e.getMessage());
        }
        List<DistrictConfig> list = new ArrayList<>(live.config().cases().districts());
        int at = indexOf(list, district.id());
        if (at < 0) {
            list.add(district);
        } else {
            list.set(at, district);
        }
        live.districts(list);
        listener.districtsChanged(live.config().cases().districts());
        store.put(DISTRICT, district.id(), text, null, actor);
        audit.record(actor, id == null ? "registry_district_added" : "registry_district_changed",
                "district:" + district.id(), sha256(text));
        log.info("registry: district {} {} by {}", district.id(), id == null ? "added" : "changed", actor);
        return district.id();
    }

    /** Removes a registry district: new cases there are no longer placed in it; cases dispatched keep their team. */
    public synchronized void deleteDistrict(String id, String actor) throws RegistryException {
        editable(DISTRICT, id);
        List<DistrictConfig> list = new ArrayList<>(live.config().cases().districts());
        list.removeIf(d -> d.id().equals(id));
        live.districts(list);
        listener.districtsChanged(live.config().cases().districts());
        store.delete(DISTRICT, id);
        audit.record(actor, "registry_district_removed", "district:" + id, "");
        log.info("registry: district {} removed by {}", id, actor);
    }

    private static int indexOf(List<DistrictConfig> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds or replaces an official ({@code officials[]} item; its {@code secret} is sealed). */
    public synchronized String putOfficial(JsonNode body, String id, String actor) throws RegistryException {
        ObjectNode entry = object(body);
        String secret = CameraEntries.take(entry, "secret");
        Redact.remember(secret);
        boolean newSecret = secret != null;
        RegistryStore.Entry old = id == null ? null : editable(OFFICIAL, id);
        if (secret == null && old != null && old.sealed() != null) {
            secret = seal.open(old.sealed());
        }
        fixId(entry, id);
        String text = write(entry);
        OfficialConfig official;
        try {
            official = SealedBinding.official(text, secret, live.config(), id);
        } catch (ConfigException e) {
            throw new RegistryException(400, e.getMessage());
        }
        MinewatchConfig before = live.config();
        boolean roleChanged = before.officials().stream().anyMatch(o -> o.id().equals(official.id())
                && !java.util.Objects.equals(o.role(), official.role()));
        List<OfficialConfig> list = new ArrayList<>(before.officials());
        list.removeIf(o -> o.id().equals(official.id()));
        list.add(official);
        live.officials(list);
        try {
            listener.directoryChanged(live.config());
        } catch (IllegalArgumentException e) {
            live.officials(before.officials());
            listener.directoryChanged(live.config());
            throw new RegistryException(400, "official: " + e.getMessage());
        }
        store.put(OFFICIAL, official.id(), text, secret == null ? null : seal.seal(secret), actor);
        listener.officialChanged(official, newSecret && id != null || roleChanged, actor);
        audit.record(actor, id == null ? "registry_official_added" : "registry_official_changed",
                "official:" + official.id(), sha256(text));
        return official.id();
    }

    public synchronized void deleteOfficial(String id, String actor) throws RegistryException {
        editable(OFFICIAL, id);
        String inUse = RegistryReferences.official(live.config(), id);
        if (inUse != null) {
            throw new RegistryException(409, inUse);
        }
        List<OfficialConfig> list = new ArrayList<>(live.config().officials());
        list.removeIf(o -> o.id().equals(id));
        live.officials(list);
        listener.directoryChanged(live.config());
        store.delete(OFFICIAL, id);
        listener.officialRemoved(id, actor);
        audit.record(actor, "registry_official_removed", "official:" + id, "");
    }

    // --- helpers ---

    /** The stored entry, or 404 (none) / 409 (the id is the YAML's: read-only). */
    private RegistryStore.Entry editable(String kind, String id) throws RegistryException {
        RegistryStore.Entry e = byId(kind).get(id);
        if (e != null) {
            return e;
        }
        if (inYaml(kind, id)) {
            throw new RegistryException(409, kind + " " + id + " comes from the YAML file: read-only in the "
                    + "console (edit the file and restart)");
        }
        throw new RegistryException(404, "no registry " + kind + " " + id);
    }

    private boolean inYaml(String kind, String id) {
        return switch (kind) {
            case SITE -> yaml.sites().stream().anyMatch(s -> s.id().equals(id));
            case CAMERA -> yaml.cameras().stream().anyMatch(s -> s.id().equals(id));
            case TOWNSHIP -> yaml.alerts().townships().stream().anyMatch(s -> s.id().equals(id));
            case DISTRICT -> yaml.cases().districts().stream().anyMatch(s -> s.id().equals(id));
            default -> yaml.officials().stream().anyMatch(s -> s.id().equals(id));
        };
    }

    private Map<String, RegistryStore.Entry> byId(String kind) {
        Map<String, RegistryStore.Entry> out = new java.util.LinkedHashMap<>();
        store.all(kind).forEach(e -> out.put(e.id(), e));
        return out;
    }

    /** The kinds of entry, for the API. */
    public static Set<String> kinds() {
        return Set.of(SITE, CAMERA, OFFICIAL, TOWNSHIP, DISTRICT);
    }
}
