package io.minewatch.server.flights.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.server.flights.FlightFinding;
import io.minewatch.server.flights.FlightView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

/**
 * The report's three formats of a flight made from real files ({@link FlightFixture}): GeoJSON checked against
 * RFC 7946's shape rules (and longitude first), KML parsed by a strict namespace-aware XML parser and checked
 * against KML 2.2's structure, the evidence zip's SHA256SUMS recomputed from its entries and compared with the
 * files on disk; a snapshot path that leaves the storage folder is never read.
 */
class FlightReportFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path storage;
    static FlightView flight;
    static SnapshotFiles snapshots;

    @BeforeAll
    static void build() throws Exception {
        storage = dir.resolve("storage");
        flight = FlightFixture.flight(storage);
        snapshots = new SnapshotFiles(storage);
        assertEquals(55, flight.track().size(), "p4_rtk.SRT has 55 records");
    }

    // ---- GeoJSON ----------------------------------------------------------------------------------------

    @Test
    void geoJsonFollowsRfc7946() throws Exception {
        JsonNode fc = JSON.readTree(FlightGeoJson.of(flight, snapshots));
        assertRfc7946(fc);
        assertEquals("FeatureCollection", fc.get("type").asText());
        JsonNode features = fc.get("features");
        assertEquals(1 + flight.findings().size(), features.size());

        JsonNode track = features.get(0);
        assertEquals("LineString", track.at("/geometry/type").asText());
        JsonNode coords = track.at("/geometry/coordinates");
        TelemetryPoint first = flight.track().get(0);
        TelemetryPoint last = flight.track().get(flight.track().size() - 1);
        // p4_rtk.SRT's first record: GPS (-58.851745, -34.237922, 15): longitude -58.85 first.
        assertArrayEquals(new double[] {-58.851745, -34.237922}, pair(coords.get(0)), 1e-9);
        assertArrayEquals(new double[] {last.lon(), last.lat()}, pair(coords.get(coords.size() - 1)), 1e-9);
        assertEquals(first.lon(), coords.get(0).get(0).asDouble(), 1e-9);
        assertEquals(coords.size(), track.at("/properties/t_s").size(), "a time per position");
        assertEquals(coords.size(), TrackPoints.distinct(flight.track()).size());
        assertTrue(coords.size() >= 40, "repeats of a hovering position dropped, the rest kept: " + coords.size());
        assertEquals(85.8, track.at("/properties/alt_rel_m/0").asDouble(), 1e-9);

        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (int i = 1; i < features.size(); i++) {
            byId.put(features.get(i).get("id").asText(), features.get(i));
        }
        for (FlightFinding f : flight.findings()) {
            JsonNode x = byId.get(f.alertId());
            JsonNode p = x.get("properties");
            assertEquals(f.alertId(), p.get("alert_id").asText());
            assertEquals(f.label(), p.get("label").asText());
            assertEquals(f.score(), p.get("score").asDouble(), 0.001);
            if (f.lat() == null) {
                assertTrue(x.get("geometry").isNull(), "a finding without a position has geometry null");
            } else {
                assertEquals("Point", x.at("/geometry/type").asText());
                assertArrayEquals(new double[] {f.lon(), f.lat()}, pair(x.at("/geometry/coordinates")), 1e-7);
                assertEquals(f.accuracyM(), p.get("accuracy_m").asDouble(), 1e-9);
            }
        }
        assertEquals("snapshots/a1.jpg", byId.get("a1").at("/properties/snapshot").asText());
        assertEquals("snapshots/a3.jpg", byId.get("a3").at("/properties/snapshot").asText());
        assertTrue(byId.get("a4").at("/properties/snapshot").isNull(), "a path outside storage is no snapshot");
        assertTrue(byId.get("a2").at("/properties/site").isNull(), "outside every site");
        assertEquals("南坑 11-30 巡查 <1>", fc.at("/flight/name").asText());
        assertEquals(4, fc.at("/flight/findings").asInt());
    }

    @Test
    void geoJsonOfOnePositionIsAPointAndOfNoneHasNoTrack() throws Exception {
        FlightView hover = copy(List.of(new TelemetryPoint(0, 30.6, 114.3), new TelemetryPoint(1, 30.6, 114.3)));
        JsonNode one = JSON.readTree(FlightGeoJson.of(hover, snapshots));
        assertRfc7946(one);
        assertEquals("Point", one.at("/features/0/geometry/type").asText());
        assertArrayEquals(new double[] {114.3, 30.6}, pair(one.at("/features/0/geometry/coordinates")), 1e-9);
        JsonNode none = JSON.readTree(FlightGeoJson.of(copy(List.of()), snapshots));
        assertRfc7946(none);
        assertEquals(flight.findings().size(), none.get("features").size());
        assertEquals("finding", none.at("/features/0/properties/kind").asText());
    }

    private static FlightView copy(List<TelemetryPoint> track) {
        return new FlightView(flight.id(), flight.name(), flight.site(), flight.droneModel(), flight.state(),
                flight.progress(), flight.created(), flight.started(), flight.finished(), flight.durationS(),
                flight.uploadedBy(), flight.error(), track, flight.findings());
    }

    private static double[] pair(JsonNode position) {
        return new double[] {position.get(0).asDouble(), position.get(1).asDouble()};
    }

    /** RFC 7946 sections 3 and 3.1-3.3: the members each object must have, the geometry types, positions. */
    static void assertRfc7946(JsonNode fc) {
        assertEquals("FeatureCollection", fc.path("type").asText());
        assertFalse(fc.has("crs"), "RFC 7946 removed crs: WGS-84 only");
        assertTrue(fc.get("features").isArray());
        Set<String> ids = new HashSet<>();
        for (JsonNode f : fc.get("features")) {
            assertEquals("Feature", f.path("type").asText());
            assertTrue(f.has("geometry") && (f.get("geometry").isNull() || f.get("geometry").isObject()),
                    "a Feature has a geometry member, an object or null: " + f);
            assertTrue(f.has("properties") && (f.get("properties").isNull() || f.get("properties").isObject()));
            if (f.has("id")) {
                assertTrue(f.get("id").isTextual() || f.get("id").isNumber(), "id is a string or number");
                assertTrue(ids.add(f.get("id").asText()), "ids unique");
            }
            JsonNode g = f.get("geometry");
            if (g.isNull()) {
                continue;
            }
            JsonNode c = g.get("coordinates");
            switch (g.get("type").asText()) {
                case "Point" -> assertPosition(c);
                case "LineString" -> {
                    assertTrue(c.isArray() && c.size() >= 2, "a LineString has two or more positions");
                    c.forEach(FlightReportFormatsTest::assertPosition);
                }
                default -> throw new AssertionError("unexpected geometry " + g);
            }
        }
    }

    private static void assertPosition(JsonNode p) {
        assertTrue(p.isArray() && p.size() >= 2 && p.size() <= 3, "a position is 2 or 3 numbers: " + p);
        p.forEach(n -> assertTrue(n.isNumber(), "numbers: " + p));
        assertTrue(Math.abs(p.get(0).asDouble()) <= 180 && Math.abs(p.get(1).asDouble()) <= 90, "lon, lat: " + p);
    }

    // ---- KML ------------------------------------------------------------------------------------------

    @Test
    void kmlIsWellFormedKml22() throws Exception {
        String kml = FlightKml.of(flight, snapshots);
        Document doc = parse(kml);
        Element root = doc.getDocumentElement();
        assertEquals("kml", root.getLocalName());
        assertEquals(FlightKml.NS, root.getNamespaceURI());
        Element document = only(root, "Document");
        assertEquals("南坑 11-30 巡查 <1>", text(only(document, "name")), "escaped, then read back");

        NodeList placemarks = doc.getElementsByTagNameNS(FlightKml.NS, "Placemark");
        assertEquals(1 + flight.findings().size(), placemarks.getLength());
        Set<String> ids = new HashSet<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertEquals(FlightKml.NS, e.getNamespaceURI(), "every element in the KML namespace: " + e.getTagName());
            if (e.hasAttribute("id")) {
                assertTrue(e.getAttribute("id").matches("[A-Za-z_][A-Za-z0-9._-]*"), "an NCName id");
                assertTrue(ids.add(e.getAttribute("id")), "unique id " + e.getAttribute("id"));
            }
        }
        Element track = (Element) placemarks.item(0);
        String[] tuples = text(only(only(track, "LineString"), "coordinates")).trim().split("\\s+");
        assertEquals(TrackPoints.distinct(flight.track()).size(), tuples.length);
        assertArrayEquals(new double[] {-58.851745, -34.237922}, tuple(tuples[0]), 1e-9, "lon,lat");

        List<String> order = List.of("name", "description", "TimeStamp", "styleUrl", "ExtendedData", "Point");
        for (int i = 1; i < placemarks.getLength(); i++) {
            Element p = (Element) placemarks.item(i);
            FlightFinding f = flight.findings().get(i - 1);
            List<String> children = childNames(p);
            assertEquals(order.stream().filter(children::contains).toList(), children,
                    "children in KML 2.2 schema order");
            Map<String, String> data = new LinkedHashMap<>();
            NodeList ds = p.getElementsByTagNameNS(FlightKml.NS, "Data");
            for (int k = 0; k < ds.getLength(); k++) {
                Element d = (Element) ds.item(k);
                data.put(d.getAttribute("name"), text(only(d, "value")));
            }
            assertEquals(f.alertId(), data.get("alert_id"));
            assertEquals(f.time().toString(), text(only(only(p, "TimeStamp"), "when")));
            if (f.lat() == null) {
                assertFalse(children.contains("Point"));
            } else {
                assertArrayEquals(new double[] {f.lon(), f.lat()}, tuple(text(only(only(p, "Point"), "coordinates"))),
                        1e-7);
            }
        }
        Element a1 = (Element) placemarks.item(1);
        assertTrue(text(only(a1, "description")).startsWith("<img src=\"snapshots/a1.jpg\""), "the picture, relative");
        Element a4 = (Element) placemarks.item(4);
        assertEquals("truck <&> \"x\" 0.50", text(only(a4, "name")), "control character dropped, markup escaped");
        assertFalse(text(only(a4, "description")).contains("<img"), "no picture from outside storage");
    }

    @Test
    void theKmlCheckRefusesWhatIsNotWellFormed() {
        // The parser of the test above is strict: a stray '&' or an unclosed element fails it.
        String kml = FlightKml.of(flight, snapshots);
        org.junit.jupiter.api.Assertions.assertThrows(SAXParseException.class,
                () -> parse(kml.replace("&amp;", "&")));
        org.junit.jupiter.api.Assertions.assertThrows(SAXParseException.class,
                () -> parse(kml.replace("</Folder>", "")));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element only(Element parent, String name) {
        Element found = null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                assertNull(found, "one " + name + " in " + parent.getLocalName());
                found = e;
            }
        }
        assertTrue(found != null, "no " + name + " in " + parent.getLocalName());
        return found;
    }

    private static List<String> childNames(Element parent) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e.getLocalName());
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e.getTextContent();
    }

    private static double[] tuple(String t) {
        String[] p = t.trim().split(",");
        return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
    }

    // ---- evidence zip -----------------------------------------------------------------------------------

    @Test
    void evidenceZipHoldsTheReportsAndSnapshotsWithTheirHashes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlightEvidence.write(out, flight, snapshots);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertEquals(List.of("flight.json", "report.geojson", "report.kml", "snapshots/a1.jpg", "snapshots/a2.jpg",
                "snapshots/a3.jpg", "SHA256SUMS", "HOW-TO-VERIFY.txt"), List.copyOf(entries.keySet()));
        assertArrayEquals(Files.readAllBytes(storage.resolve("snapshots/drone/a1.jpg")), entries.get("snapshots/a1.jpg"));
        assertArrayEquals(Files.readAllBytes(storage.resolve("snapshots/drone/a3.jpg")), entries.get("snapshots/a3.jpg"));
        assertEquals(FlightGeoJson.of(flight, snapshots), new String(entries.get("report.geojson"), StandardCharsets.UTF_8));
        assertEquals(FlightKml.of(flight, snapshots), new String(entries.get("report.kml"), StandardCharsets.UTF_8));

        List<String> sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(6, sums.size(), "every file but the sums and the how-to");
        for (String line : sums) {
            String[] parts = line.split("  ", 2);
            assertEquals(Sha256.of(entries.get(parts[1])), parts[0], parts[1]);
        }
        assertTrue(sums.contains(Sha256.of(storage.resolve("snapshots/drone/a2.jpg")) + "  snapshots/a2.jpg"),
                "the hash of the file on disk");

        JsonNode json = JSON.readTree(entries.get("flight.json"));
        assertEquals(55, json.get("track").size(), "the whole telemetry, repeats included");
        assertEquals(-34.237922, json.at("/track/0/lat").asDouble(), 1e-9);
        assertEquals(-58.851745, json.at("/track/0/lon").asDouble(), 1e-9);
        assertEquals(4, json.get("findings").size());
        assertTrue(json.at("/findings/3/snapshot").isNull());
        for (Iterator<String> it = entries.keySet().iterator(); it.hasNext(); ) {
            assertFalse(it.next().contains("secret"), "nothing from outside storage");
        }
    }
}
