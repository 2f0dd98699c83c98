package io.minewatch.server.flights.report;

import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.server.flights.FlightFinding;
import io.minewatch.server.flights.FlightView;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A flight as KML 2.2 (OGC 07-147r2, namespace {@value #NS}): a Document with the track as a clamped-to-ground
 * LineString Placemark and a Folder of findings, one Placemark each (name: label and score; description: the
 * snapshot, {@code snapshots/<alert>.jpg} relative to the file as in the evidence zip, with position, accuracy and
 * time; TimeStamp; ExtendedData with the finding's fields; a Point when its position is known). Coordinates are
 * {@code lon,lat} tuples, as KML wants. Elements are written in the order the KML 2.2 schema requires; text is
 * escaped by the XML writer and characters XML 1.0 forbids are dropped, so the document is always well-formed.
 */
public final class FlightKml {
    public static final String NS = "http://www.opengis.net/kml/2.2";
    public static final String MEDIA_TYPE = "application/vnd.google-earth.kml+xml";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private FlightKml() {
    }

    public static String of(FlightView v, SnapshotFiles snapshots) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("kml");
            w.writeDefaultNamespace(NS);
            w.writeStartElement("Document");
            w.writeAttribute("id", "flight-" + SnapshotFiles.safe(v.id()));
            text(w, "name", v.name() == null ? v.id() : v.name());
            text(w, "description", summary(v));
            style(w, "track-style", "LineStyle", "ff2f6fff", "width", "3");
            style(w, "finding-style", "IconStyle", "ff4417ff", "scale", "1.1");
            track(w, v);
            w.writeStartElement("Folder");
            text(w, "name", "findings (" + v.findings().size() + ")");
            for (FlightFinding f : v.findings()) {
                finding(w, f, snapshots);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("KML writer failed", e);
        }
        return out.toString();
    }

    private static String summary(FlightView v) {
        StringBuilder s = new StringBuilder("flight ").append(v.id());
        if (v.site() != null) {
            s.append(", site ").append(v.site());
        }
        if (v.droneModel() != null) {
            s.append(", drone ").append(v.droneModel());
        }
        s.append(", state ").append(v.state()).append(", ").append(v.findings().size()).append(" findings");
        if (v.created() != null) {
            s.append(", submitted ").append(v.created());
        }
        return s.toString();
    }

    private static void style(XMLStreamWriter w, String id, String kind, String color, String key, String value)
            throws XMLStreamException {
        w.writeStartElement("Style");
        w.writeAttribute("id", id);
        w.writeStartElement(kind);
        text(w, "color", color);
        text(w, key, value);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void track(XMLStreamWriter w, FlightView v) throws XMLStreamException {
        List<TelemetryPoint> points = TrackPoints.distinct(v.track());
        if (points.isEmpty()) {
            return;
        }
        w.writeStartElement("Placemark");
        w.writeAttribute("id", "flight-track");
        text(w, "name", "track");
        text(w, "styleUrl", "#track-style");
        StringBuilder c = new StringBuilder();
        for (TelemetryPoint p : points) {
            if (c.length() > 0) {
                c.append(' ');
            }
            c.append(tuple(p.lat(), p.lon()));
        }
        if (points.size() == 1) {
            w.writeStartElement("Point");
        } else {
            w.writeStartElement("LineString");
            text(w, "tessellate", "1");
        }
        text(w, "altitudeMode", "clampToGround");
        text(w, "coordinates", c.toString());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void finding(XMLStreamWriter w, FlightFinding f, SnapshotFiles snapshots)
            throws XMLStreamException {
        w.writeStartElement("Placemark");
        w.writeAttribute("id", "f-" + SnapshotFiles.safe(f.alertId()));
        text(w, "name", f.label() + " " + String.format(Locale.ROOT, "%.2f", f.score()));
        text(w, "description", description(f, snapshots));
        if (f.time() != null) {
            w.writeStartElement("TimeStamp");
            text(w, "when", f.time().toString());
            w.writeEndElement();
        }
        text(w, "styleUrl", "#finding-style");
        w.writeStartElement("ExtendedData");
        data(w, "alert_id", f.alertId());
        data(w, "rule", f.rule());
        data(w, "label", f.label());
        data(w, "score", String.format(Locale.ROOT, "%.3f", f.score()));
        data(w, "offset_s", String.format(Locale.ROOT, "%.2f", f.offsetS()));
        data(w, "accuracy_m", f.accuracyM() == null ? null : String.format(Locale.ROOT, "%.1f", f.accuracyM()));
        data(w, "geo_source", f.geoSource());
        data(w, "site", f.site());
        data(w, "snapshot", snapshots.name(f).orElse(null));
        w.writeEndElement();
        if (f.lat() != null && f.lon() != null) {
            w.writeStartElement("Point");
            text(w, "altitudeMode", "clampToGround");
            text(w, "coordinates", tuple(f.lat(), f.lon()));
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** HTML for the balloon, as text (the writer escapes it; KML readers unescape and render it). */
    private static String description(FlightFinding f, SnapshotFiles snapshots) {
        StringBuilder h = new StringBuilder();
        snapshots.name(f).ifPresent(n -> h.append("<img src=\"").append(n).append("\" width=\"480\"/><br/>"));
        h.append(html(f.label())).append(' ').append(String.format(Locale.ROOT, "%.2f", f.score()))
                .append(" (").append(html(f.rule())).append(")<br/>");
        if (f.lat() != null && f.lon() != null) {
            h.append(String.format(Locale.ROOT, "%.6f, %.6f", f.lat(), f.lon()));
            if (f.accuracyM() != null) {
                h.append(String.format(Locale.ROOT, " ± %.0f m", f.accuracyM()));
            }
            if (f.geoSource() != null) {
                h.append(" (").append(html(f.geoSource())).append(')');
            }
        } else {
            h.append("position unknown");
        }
        if (f.time() != null) {
            h.append("<br/>").append(f.time());
        }
        h.append(String.format(Locale.ROOT, "<br/>video %.1f s, alert %s", f.offsetS(), html(f.alertId())));
        return h.toString();
    }

    private static String tuple(double lat, double lon) {
        return String.format(Locale.ROOT, "%.7f,%.7f", lon, lat);
    }

    private static void data(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement("Data");
        w.writeAttribute("name", name);
        text(w, "value", value);
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(xmlChars(value == null ? "" : value));
        w.writeEndElement();
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Drops the characters XML 1.0 does not allow (controls other than tab, newline and return; lone surrogates). */
    static String xmlChars(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (ok) {
                b.appendCodePoint(c);
            }
        }
        return b.toString();
    }
}
