package io.minewatch.server.flights.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.evidence.HashedZip;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.server.flights.FlightFinding;
import io.minewatch.server.flights.FlightView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flight's evidence zip: {@code flight.json} (the flight with its whole telemetry and every finding),
 * {@code report.geojson} and {@code report.kml} (the same bytes the report routes serve), {@code snapshots/}
 * (each finding's snapshot file, byte for byte) and {@code SHA256SUMS} of them all, as {@link HashedZip} lays out
 * the alerts' evidence; then a short text on how to check it.
 */
public final class FlightEvidence {
    static final String HOW_TO = """
            minewatch flight evidence export

            Files
              flight.json     the flight: who submitted it, when, its state, its whole telemetry track
                              (t = seconds from the video's first frame) and every finding (alert id, rule,
                              label, score, video time, position, accuracy, how it was found)
              report.geojson  the track and findings as GeoJSON (RFC 7946: [longitude, latitude], WGS-84)
              report.kml      the same as KML 2.2 (Google Earth, QGIS); pictures link to snapshots/
              snapshots/      the frames the detector found each object in, boxes drawn, named by alert id
              SHA256SUMS      SHA-256 of each file above

            To check
              1. sha256sum -c SHA256SUMS           (every file unaltered since export)
              2. each finding is an alert: GET /api/alerts/<alert id>/evidence.zip on the server gives that
                 alert's own evidence (its history and audit entries); its snapshot's hash matches this one
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlightEvidence() {
    }

    /** Writes the zip; snapshots that are missing on disk are left out (flight.json still names the finding). */
    public static void write(OutputStream out, FlightView v, SnapshotFiles snapshots) throws IOException {
        Map<String, Path> pictures = new LinkedHashMap<>();
        for (FlightFinding f : v.findings()) {
            snapshots.file(f).ifPresent(p -> pictures.putIfAbsent(snapshots.name(f).orElseThrow(), p));
        }
        try (HashedZip zip = new HashedZip(out)) {
            zip.text("flight.json", flightJson(v, snapshots));
            zip.text("report.geojson", FlightGeoJson.of(v, snapshots));
            zip.text("report.kml", FlightKml.of(v, snapshots));
            for (Map.Entry<String, Path> p : pictures.entrySet()) {
                zip.file(p.getKey(), p.getValue());
            }
            zip.finish(HOW_TO);
        }
    }

    static String flightJson(FlightView v, SnapshotFiles snapshots) {
        ObjectNode o = FlightGeoJson.tree(v, snapshots).get("flight").deepCopy();
        ArrayNode track = o.putArray("track");
        for (TelemetryPoint p : v.track()) {
            ObjectNode q = track.addObject();
            q.put("t", p.t());
            q.put("lat", p.lat());
            q.put("lon", p.lon());
            q.put("alt_rel", p.altRel());
            q.put("alt_abs", p.altAbs());
            q.put("gimbal_pitch", p.gimbalPitch());
            q.put("gimbal_yaw", p.gimbalYaw());
            q.put("heading", p.heading());
        }
        o.remove("findings");
        ArrayNode findings = o.putArray("findings");
        for (FlightFinding f : v.findings()) {
            ObjectNode q = findings.addObject();
            q.put("alert_id", f.alertId());
            q.put("rule", f.rule());
            q.put("label", f.label());
            q.put("score", f.score());
            q.put("offset_s", f.offsetS());
            q.put("time", f.time() == null ? null : f.time().toString());
            q.put("lat", f.lat());
            q.put("lon", f.lon());
            q.put("accuracy_m", f.accuracyM());
            q.put("geo_source", f.geoSource());
            q.put("site", f.site());
            q.put("snapshot", snapshots.name(f).orElse(null));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
