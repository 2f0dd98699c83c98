package io.minewatch.server.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.LatLon;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.Redact;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.TeamConfig;
import io.minewatch.config.TownshipConfig;
import java.util.Map;

/** The registry's answers: what is in force, each entry marked yaml or registry; never a credential. */
final class RegistryListing {
    private RegistryListing() {
    }

    /**
     * {@code {"sites":[...],"cameras":[...],"officials":[...],"townships":[...],"districts":[...]}}: YAML and
     * registry, each marked with its source.
     */
    static ObjectNode list(MinewatchConfig c, Map<String, RegistryStore.Entry> sites,
                           Map<String, RegistryStore.Entry> cameras, Map<String, RegistryStore.Entry> officials,
                           Map<String, RegistryStore.Entry> towns, Map<String, RegistryStore.Entry> districts) {
        ObjectNode out = RegistryJson.JSON.createObjectNode();
        ArrayNode s = out.putArray("sites");
        for (SiteConfig x : c.sites()) {
            ObjectNode o = entry(sites.get(x.id()), x.id());
            o.put("name", x.name());
            o.put("township", x.township());
            o.put("lat", x.lat());
            o.put("lon", x.lon());
            s.add(o);
        }
        ArrayNode cams = out.putArray("cameras");
        for (CameraConfig x : c.cameras()) {
            ObjectNode o = entry(cameras.get(x.id()), x.id());
            o.put("site", x.site());
            o.put("detect", CameraEntries.withoutUserInfo(Redact.url(x.detect())));
            o.put("enabled", x.enabled());
            o.put("zones", x.detection().zones().size());
            cams.add(o);
        }
        ArrayNode offs = out.putArray("officials");
        for (OfficialConfig x : c.officials()) {
            ObjectNode o = entry(officials.get(x.id()), x.id());
            o.put("name", x.name());
            o.put("township", x.township());
            o.put("role", x.role());
            offs.add(o);
        }
        ArrayNode ts = out.putArray("townships");
        for (TownshipConfig x : c.alerts().townships()) {
            ObjectNode o = entry(towns.get(x.id()), x.id());
            x.team().forEach(o.putArray("team")::add);
            x.authority().forEach(o.putArray("authority")::add);
            ts.add(o);
        }
        ArrayNode ds = out.putArray("districts");
        for (DistrictConfig x : c.cases().districts()) {
            ObjectNode o = entry(districts.get(x.id()), x.id());
            o.put("name", x.name());
            o.put("township", x.township());
            ArrayNode boundary = o.putArray("boundary");
            for (LatLon p : x.boundary()) {
                boundary.addArray().add(p.lat()).add(p.lon());
            }
            ArrayNode teams = o.putArray("teams");
            for (TeamConfig t : x.teams()) {
                ObjectNode team = teams.addObject();
                team.put("id", t.id());
                team.put("name", t.name());
                t.members().forEach(team.putArray("members")::add);
            }
            ds.add(o);
        }
        return out;
    }

    /** One registry entry as stored (credentials only as {@code "credentials": true}). */
    static ObjectNode stored(RegistryStore.Entry e) {
        ObjectNode o = entry(e, e.id());
        o.set("entry", RegistryJson.parse(e.body()));
        return o;
    }

    private static ObjectNode entry(RegistryStore.Entry e, String id) {
        ObjectNode o = RegistryJson.JSON.createObjectNode();
        o.put("id", id);
        o.put("source", e == null ? "yaml" : "registry");
        o.put("editable", e != null);
        if (e != null) {
            o.put("credentials", e.sealed() != null);
            o.put("updated_at", e.updatedAt());
            o.put("updated_by", e.updatedBy());
        }
        return o;
    }

}
