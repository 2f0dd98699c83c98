package io.minewatch.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates one entry of the run-time registry (a site, camera or official that an admin adds in the
 * console) with the same binders as the YAML loader, so a bad field gets the same one-line message:
 * {@code camera: line 1: detection.zones[0].kind: ...}. The entry is a JSON (or YAML) mapping with the
 * keys of a {@code sites[]}, {@code cameras[]}, {@code officials[]} or {@code townships[]} item; ids must be unique across
 * the YAML and the registry ({@code current} is the configuration in force: YAML plus registry).
 *
 * <p>Registered cameras are pulled from an {@code rtsp://} URL: a file or a pushed
 * camera belongs in the YAML. Placeholders in the text are filled from {@code env}, and their values
 * (like every URL credential) are masked in every message.
 */
public final class RegistryBinder {
    private RegistryBinder() {
    }

    /**
     * A camera entry.
     *
     * @param replacing the id of the camera being edited (its own id is not a duplicate), or null
     */
    public static CameraConfig camera(String text, Map<String, String> env, MinewatchConfig current,
                                      String replacing) throws ConfigException {
        Problems problems = new Problems("camera");
        Section s = section(text, env, problems);
        Set<String> seen = new LinkedHashSet<>();
        current.cameras().forEach(c -> seen.add(c.id()));
        seen.remove(replacing);
        Set<String> sites = new LinkedHashSet<>();
        current.sites().forEach(x -> sites.add(x.id()));
        String detect = s.string("detect", null);
        if (detect != null && !detect.startsWith("rtsp://")) {
            throw s.error("detect", "a registered camera takes an rtsp:// URL (files and pushed "
                    + "cameras belong in the YAML)");
        }
        if (s.has("record")) {
            throw s.error("record", "a registered camera records its detect stream (no separate record source)");
        }
        return CameraBinder.camera(s, sites, seen, current.storage().dir().toAbsolutePath().normalize());
    }

    /** A site entry (its officials and townships must exist). */
    public static SiteConfig site(String text, Map<String, String> env, MinewatchConfig current, String replacing)
            throws ConfigException {
        Problems problems = new Problems("site");
        Section s = section(text, env, problems);
        Set<String> seen = new LinkedHashSet<>();
        current.sites().forEach(x -> seen.add(x.id()));
        seen.remove(replacing);
        Set<String> officials = new LinkedHashSet<>();
        current.officials().forEach(o -> officials.add(o.id()));
        return ConfigBinder.site(s, seen, officials);
    }

    /** An official entry (its id must not be taken by another official or a console user). */
    public static OfficialConfig official(String text, Map<String, String> env, MinewatchConfig current,
                                          String replacing) throws ConfigException {
        Problems problems = new Problems("official");
        Section s = section(text, env, problems);
        Set<String> seen = new LinkedHashSet<>();
        current.officials().forEach(o -> seen.add(o.id()));
        current.users().forEach(u -> seen.add(u.id()));
        seen.remove(replacing);
        return ConfigBinder.official(s, seen);
    }

    /** A township entry ({@code townships[]} item: id, team, authority; its team's officials must exist). */
    public static TownshipConfig township(String text, Map<String, String> env, MinewatchConfig current,
                                          String replacing) throws ConfigException {
        Problems problems = new Problems("township");
        Section s = section(text, env, problems);
        Set<String> seen = new LinkedHashSet<>();
        current.alerts().townships().forEach(t -> seen.add(t.id()));
        seen.remove(replacing);
        Set<String> officials = new LinkedHashSet<>();
        current.officials().forEach(o -> officials.add(o.id()));
        return AlertsBinder.township(s, seen, officials);
    }

    /**
     * A district entry ({@code districts[]} item: id, name, township, boundary, teams with members): its
     * township and members must exist, its id and its teams' ids must be free across every other district.
     */
    public static DistrictConfig district(String text, Map<String, String> env, MinewatchConfig current,
                                          String replacing) throws ConfigException {
        Problems problems = new Problems("district");
        Section s = section(text, env, problems);
        Set<String> seen = new LinkedHashSet<>();
        Set<String> teams = new LinkedHashSet<>();
        for (DistrictConfig d : current.cases().districts()) {
            if (!d.id().equals(replacing)) {
                seen.add(d.id());
                d.teams().forEach(t -> teams.add(t.id()));
            }
        }
        Set<String> townships = new LinkedHashSet<>();
        current.alerts().townships().forEach(t -> townships.add(t.id()));
        Set<String> officials = new LinkedHashSet<>();
        current.officials().forEach(o -> officials.add(o.id()));
        return CasesBinder.district(s, seen, teams, townships, officials);
    }

    /** The configuration with other districts (the rest of the case loop unchanged). */
    public static MinewatchConfig withDistricts(MinewatchConfig c, List<DistrictConfig> districts) {
        CasesConfig k = c.cases();
        return c.withCases(new CasesConfig(k.zone(), k.matters(), k.delegated(), districts, k.deadlines(),
                k.checklist(), k.passScore(), k.maxPhotoBytes()));
    }

    /** The configuration with other townships (the rest of the alerts section unchanged). */
    public static MinewatchConfig withTownships(MinewatchConfig c, List<TownshipConfig> townships) {
        AlertsConfig a = c.alerts();
        AlertsConfig alerts = new AlertsConfig(a.gapS(), a.cooldownS(), a.stationaryIou(), a.stationaryMemoryS(),
                a.defaultLevel(), a.levels(), a.deadlinesS(), a.maxEscalations(), a.publishSnapshots(),
                a.statsIntervalS(), a.suppress(), townships, a.departments());
        return new MinewatchConfig(c.sites(), c.cameras(), c.officials(), c.mqtt(), c.storage(), c.http(),
                c.rtspServer(), c.database(), alerts, c.users(), c.flights(), c.rtmp(), c.droneOsd(), c.cases());
    }

    /** The configuration with other sites, cameras and officials (the rest, the case loop too, unchanged). */
    public static MinewatchConfig with(MinewatchConfig c, List<SiteConfig> sites, List<CameraConfig> cameras,
                                       List<OfficialConfig> officials) {
        return new MinewatchConfig(sites, cameras, officials, c.mqtt(), c.storage(), c.http(), c.rtspServer(),
                c.database(), c.alerts(), c.users(), c.flights(), c.rtmp(), c.droneOsd(), c.cases());
    }

    private static Section section(String text, Map<String, String> env, Problems problems) throws ConfigException {
        Objects.requireNonNull(text, "text");
        if (text.length() > ConfigLoader.MAX_BYTES) {
            throw problems.whole("entry too large (over " + ConfigLoader.MAX_BYTES + " bytes)", null);
        }
        YamlNode root = YamlTree.parse(text, env, problems);
        ConfigLoader.rememberSecrets(root, false);
        if (root == null) {
            throw problems.atLine(1, "empty entry (expected a map)");
        }
        return Section.of(root, 1, "", problems);
    }

}
