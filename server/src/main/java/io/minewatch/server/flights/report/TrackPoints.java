package io.minewatch.server.flights.report;

import io.minewatch.ingest.telemetry.TelemetryPoint;
import java.util.ArrayList;
import java.util.List;

/** A track as the reports draw it: consecutive records at the same position (a hovering drone) kept once. */
final class TrackPoints {
    private TrackPoints() {
    }

    static List<TelemetryPoint> distinct(List<TelemetryPoint> track) {
        List<TelemetryPoint> out = new ArrayList<>();
        TelemetryPoint last = null;
        for (TelemetryPoint p : track) {
            if (last == null || FlightGeoJson.round7(p.lat()) != FlightGeoJson.round7(last.lat())
                    || FlightGeoJson.round7(p.lon()) != FlightGeoJson.round7(last.lon())) {
                out.add(p);
                last = p;
            }
        }
        return out;
    }
}
