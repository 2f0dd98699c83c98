package io.minewatch.server.flights.report;

import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.server.flights.FlightFinding;
import io.minewatch.server.flights.FlightView;
import io.minewatch.testkit.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished flight as the flights' store would show it, from real files: its track is the shared Phantom 4 RTK
 * telemetry ({@code p4_rtk.SRT}: {@code GPS (lon, lat, sats)} — latitude -34.2, longitude -58.8, so a swapped
 * order is plain to see), read here with a regex of that one shape; its findings' snapshots are the shared
 * COCO and machine photographs copied into the storage folder as the snapshot writer lays them out. Finding 1
 * (truck, ground fix) and 2 (train, drone fix) have positions and pictures; finding 3 has no position; finding 4
 * names a snapshot outside the storage folder, which no report may read.
 */
public final class FlightFixture {
    public static final String FLIGHT = "fl-2026-11-30-a";
    public static final Instant START = Instant.parse("2026-11-30T06:10:00Z");
    private static final Pattern CUE = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) -->");
    private static final Pattern GPS = Pattern.compile("GPS \\((-?[0-9.]+), (-?[0-9.]+), \\d+\\).*? H ([0-9.]+)m");

    private FlightFixture() {
    }

    /** The track of p4_rtk.SRT: one point per cue (t from the cue's start). */
    public static List<TelemetryPoint> p4Track() throws IOException {
        List<TelemetryPoint> out = new ArrayList<>();
        double t = -1;
        for (String line : Files.readAllLines(SharedFiles.shared().resolve("media/telemetry/p4_rtk.SRT"))) {
            Matcher c = CUE.matcher(line);
            if (c.find()) {
                t = Integer.parseInt(c.group(1)) * 3600 + Integer.parseInt(c.group(2)) * 60
                        + Integer.parseInt(c.group(3)) + Integer.parseInt(c.group(4)) / 1000.0;
            }
            Matcher g = GPS.matcher(line);
            if (g.find() && t >= 0) {
                out.add(new TelemetryPoint(t, Double.parseDouble(g.group(2)), Double.parseDouble(g.group(1)),
                        Double.parseDouble(g.group(3)), null, -24.4, null, null));
            }
        }
        return out;
    }

    /** Copies the snapshots into {@code storage} and returns the flight {@link #FLIGHT}, state done. */
    public static FlightView flight(Path storage) throws IOException {
        List<TelemetryPoint> track = p4Track();
        String truck = copy(storage, "coco_val2017_000000009769_pickup_truck.jpg", "snapshots/drone/a1.jpg");
        String crusher = copy(storage, "machines/atlas-copco-5515.jpg", "snapshots/drone/a2.jpg");
        String loader = copy(storage, "machines/caterpillar-924g.jpg", "snapshots/drone/a3.jpg");
        Files.createDirectories(storage.getParent().resolve("outside"));
        Files.copy(SharedFiles.image("yolox_assets_dog.jpg"), storage.getParent().resolve("outside/secret.jpg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TelemetryPoint at10 = track.get(10);
        TelemetryPoint at30 = track.get(30);
        List<FlightFinding> findings = List.of(
                new FlightFinding("a1", "heavy_vehicle", "truck", 0.892f, 10.4, START.plusMillis(10_400),
                        at10.lat() + 0.0004, at10.lon() - 0.0003, 12.5, "ground", "pit-7", truck),
                new FlightFinding("a2", "unregistered_site", "train", 0.81f, 30.0, START.plusSeconds(30),
                        at30.lat(), at30.lon(), 40.0, "drone", null, crusher),
                new FlightFinding("a3", "heavy_vehicle", "truck", 0.75f, 41.2, START.plusMillis(41_200),
                        null, null, null, null, null, loader),
                new FlightFinding("a4", "heavy_vehicle", "truck <&> \u0001\"x\"", 0.5f, 50.0, START.plusSeconds(50),
                        track.get(50).lat(), track.get(50).lon(), 15.0, "ground", "pit-7", "../outside/secret.jpg"));
        return new FlightView(FLIGHT, "南坑 11-30 巡查 <1>", "pit-7", "p4_rtk", "done", 1.0, START.minusSeconds(600),
                START.minusSeconds(590), START.minusSeconds(500), 55.0, "ana", null, track, findings);
    }

    private static String copy(Path storage, String image, String rel) throws IOException {
        Path to = storage.resolve(rel);
        Files.createDirectories(to.getParent());
        Files.copy(SharedFiles.image(image), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return rel;
    }
}
