package io.minewatch.server.flights.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.server.flights.FlightFinding;
import io.minewatch.server.flights.FlightView;
import java.time.Instant;
import java.util.List;

/**
 * A flight as a GeoJSON FeatureCollection (RFC 7946): its track as a LineString (a Point when the telemetry holds
 * one position), then one Point Feature per finding ({@code geometry: null} for a finding without a position, as
 * RFC 7946 section 3.2 allows). Positions are {@code [longitude, latitude]} in WGS-84 degrees, rounded to 7
 * decimals (about 1 cm); no altitude element, because RFC 7946 wants height above the ellipsoid and the drones
 * report it above take-off or sea level (those are in the properties). The flight itself is a foreign member
 * {@code flight} of the collection. A finding's {@code snapshot} is the picture's path inside the evidence zip.
 */
public final class FlightGeoJson {
    /** The media type of RFC 7946. */
    public static final String MEDIA_TYPE = "application/geo+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlightGeoJson() {
    }

    public static String of(FlightView v, SnapshotFiles snapshots) {
        return tree(v, snapshots).toString();
    }

    static ObjectNode tree(FlightView v, SnapshotFiles snapshots) {
        ObjectNode fc = JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        fc.set("flight", flight(v));
        ArrayNode features = fc.putArray("features");
        ObjectNode track = track(v);
        if (track != null) {
            features.add(track);
        }
        for (FlightFinding f : v.findings()) {
            features.add(finding(v, f, snapshots));
        }
        return fc;
    }

    private static ObjectNode flight(FlightView v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", v.id());
        o.put("name", v.name());
        o.put("site", v.site());
        o.put("drone_model", v.droneModel());
        o.put("state", v.state());
        o.put("progress", v.progress());
        o.put("created", iso(v.created()));
        o.put("started", iso(v.started()));
        o.put("finished", iso(v.finished()));
        o.put("duration_s", v.durationS());
        o.put("uploaded_by", v.uploadedBy());
        o.put("error", v.error());
        o.put("track_points", v.track().size());
        o.put("findings", v.findings().size());
        return o;
    }

    /** The track with consecutive repeats of one position dropped; null when there is no telemetry. */
    private static ObjectNode track(FlightView v) {
        List<TelemetryPoint> points = TrackPoints.distinct(v.track());
        if (points.isEmpty()) {
            return null;
        }
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        f.put("id", "track");
        ObjectNode g = f.putObject("geometry");
        if (points.size() == 1) {
            g.put("type", "Point");
            g.set("coordinates", position(points.get(0).lat(), points.get(0).lon()));
        } else {
            g.put("type", "LineString");
            ArrayNode coords = g.putArray("coordinates");
            points.forEach(p -> coords.add(position(p.lat(), p.lon())));
        }
        ObjectNode p = f.putObject("properties");
        p.put("kind", "track");
        p.put("flight", v.id());
        ArrayNode t = p.putArray("t_s");
        ArrayNode rel = p.putArray("alt_rel_m");
        ArrayNode abs = p.putArray("alt_abs_m");
        for (TelemetryPoint q : points) {
            t.add(q.t());
            if (q.altRel() == null) {
                rel.addNull();
            } else {
                rel.add(q.altRel());
            }
            if (q.altAbs() == null) {
                abs.addNull();
            } else {
                abs.add(q.altAbs());
            }
        }
        return f;
    }

    private static ObjectNode finding(FlightView v, FlightFinding x, SnapshotFiles snapshots) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        f.put("id", x.alertId());
        if (x.lat() != null && x.lon() != null) {
            ObjectNode g = f.putObject("geometry");
            g.put("type", "Point");
            g.set("coordinates", position(x.lat(), x.lon()));
        } else {
            f.putNull("geometry");
        }
        ObjectNode p = f.putObject("properties");
        p.put("kind", "finding");
        p.put("flight", v.id());
        p.put("alert_id", x.alertId());
        p.put("rule", x.rule());
        p.put("label", x.label());
        p.put("score", Math.round(x.score() * 1000.0) / 1000.0);
        p.put("offset_s", x.offsetS());
        p.put("time", iso(x.time()));
        p.put("accuracy_m", x.accuracyM());
        p.put("geo_source", x.geoSource());
        p.put("site", x.site());
        p.put("snapshot", snapshots.name(x).orElse(null));
        return f;
    }

    /** {@code [lon, lat]}: RFC 7946 section 3.1.1 puts longitude first. */
    private static ArrayNode position(double lat, double lon) {
        ArrayNode a = JSON.createArrayNode();
        a.add(round7(lon));
        a.add(round7(lat));
        return a;
    }

    static double round7(double deg) {
        return Math.round(deg * 1e7) / 1e7;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
