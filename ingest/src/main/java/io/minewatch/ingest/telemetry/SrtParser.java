package io.minewatch.ingest.telemetry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a drone's {@code .SRT} telemetry sidecar — every DJI shape met so far (see the README's "Telemetry
 * formats handled") — into a {@link TelemetryReport}: the positions it could place in time, and each thing
 * it could not read with its line. It never throws on what a file holds: a truncated, garbled or empty file
 * gets a report that says so.
 *
 * <p>File-wide decisions, each stated in the report: where times come from ({@link SrtTiming}), which way round
 * {@code GPS(...)} is written ({@link CoordinateOrder}). Record-level refusals ({@link SrtPoints}): no position,
 * out-of-range coordinates, 0, 0. A last record cut off by the end of the file is not used, and a position more
 * than {@link #MAX_SPREAD_M} from the flight's median position (a misread value that happens to be in range)
 * is refused. Limits: lines of {@value SrtLines#MAX_LINE_CHARS} characters, {@value SrtLines#MAX_RECORDS} records.
 */
public final class SrtParser {
    /** The frame rate that turns frame counters into seconds when the caller gives none. */
    public static final double DEFAULT_FPS = 30;
    /** A drone flies within radio range of its pilot: no position of one flight is farther than this from its median. */
    public static final double MAX_SPREAD_M = 50_000;

    private final double fps;
    private final boolean fpsGiven;

    /** A parser that converts frame counters at {@link #DEFAULT_FPS}. */
    public SrtParser() {
        this(DEFAULT_FPS, false);
    }

    private SrtParser(double fps, boolean fpsGiven) {
        this.fps = fps;
        this.fpsGiven = fpsGiven;
    }

    /** A parser that converts frame counters at this frame rate (the video's), between 1 and 1000. */
    public static SrtParser withFrameRate(double fps) {
        if (!(fps >= 1 && fps <= 1000)) {
            throw new IllegalArgumentException("frame rate must be between 1 and 1000 fps, got " + fps);
        }
        return new SrtParser(fps, true);
    }

    /** Reads a file; one that cannot be read gets a report saying why (and no positions). */
    public TelemetryReport parse(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, name);
        } catch (NoSuchFileException e) {
            return unreadable(name, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            return unreadable(name, "cannot read: permission denied");
        } catch (IOException e) {
            return unreadable(name, "cannot read: " + (Files.isDirectory(file) ? "is a directory" : e.getMessage()));
        }
    }

    /** Reads the bytes of a file called {@code source}. */
    public TelemetryReport parse(byte[] bytes, String source) {
        return parse(new ByteArrayInputStream(bytes), source);
    }

    /** Reads a stream (which the caller closes) of a file called {@code source}. */
    public TelemetryReport parse(InputStream in, String source) {
        ProblemLog log = new ProblemLog();
        SrtLines.Result lines;
        try {
            lines = SrtLines.blocks(in, log);
        } catch (IOException e) {
            log.add(0, "cannot read: " + e.getMessage());
            return report(source, new TelemetryTrack(List.of()), 0, log, "nowhere", "", null);
        }
        List<SrtBlock> blocks = lines.blocks();
        List<SrtRecord> records = new ArrayList<>(blocks.size());
        for (SrtBlock b : blocks) {
            records.add(SrtFields.read(b));
        }
        if (lines.unterminated() && cutShort(blocks)) {
            SrtRecord last = records.remove(records.size() - 1);
            log.add(last.firstLine, "the file ends in the middle of this record (cut short?): record not used");
        }
        SrtTiming timing = SrtTiming.decide(records, fps, fpsGiven);
        CoordinateOrder order = records.stream().anyMatch(r -> r.gps != null || r.home != null)
                ? CoordinateOrder.decide(records) : null;
        SrtPoints points = new SrtPoints(order, log);
        List<TelemetryPoint> accepted = new ArrayList<>();
        List<Integer> acceptedLines = new ArrayList<>();
        TelemetryReport.Home home = null;
        for (SrtRecord r : records) {
            if (!r.recognised) {
                log.add(r.firstLine, "nothing readable in this record: not used");
                continue;
            }
            if (home == null && r.home != null) {
                home = points.home(r.home);
            }
            Double t = timing.time(r, log);
            if (t == null) {
                continue;
            }
            TelemetryPoint p = points.point(r, t);
            if (p != null) {
                accepted.add(p);
                acceptedLines.add(r.positionLine());
            }
        }
        if (blocks.isEmpty()) {
            log.add(0, "no records: not an SRT file, or an empty one");
        } else if (timing.description().startsWith("nowhere")) {
            log.add(0, "no times in this file: no --> lines, clock times, frame counters or cue numbers");
        }
        List<TelemetryPoint> kept = withoutOutliers(accepted, acceptedLines, log);
        return report(source, new TelemetryTrack(kept), blocks.size(), log, timing.description(),
                order == null ? "" : order.reason(), home);
    }

    /** Whether the file's last cue, whose last line has no line end, is shorter than the cue before it. */
    private static boolean cutShort(List<SrtBlock> blocks) {
        if (blocks.isEmpty()) {
            return false;
        }
        SrtBlock last = blocks.get(blocks.size() - 1);
        if (blocks.size() == 1) {
            return false;
        }
        SrtBlock before = blocks.get(blocks.size() - 2);
        if (last.lines().size() < before.lines().size()) {
            return true;
        }
        String a = last.lines().get(last.lines().size() - 1).stripTrailing();
        String b = before.lines().get(Math.min(last.lines().size(), before.lines().size()) - 1).stripTrailing();
        return a.isEmpty() || b.isEmpty() || a.charAt(a.length() - 1) != b.charAt(b.length() - 1);
    }

    private static List<TelemetryPoint> withoutOutliers(List<TelemetryPoint> points, List<Integer> lines,
                                                        ProblemLog log) {
        if (points.size() < 3) {
            return points;
        }
        double[] lats = points.stream().mapToDouble(TelemetryPoint::lat).sorted().toArray();
        double[] lons = points.stream().mapToDouble(TelemetryPoint::lon).sorted().toArray();
        double mLat = lats[lats.length / 2];
        double mLon = lons[lons.length / 2];
        List<TelemetryPoint> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            TelemetryPoint p = points.get(i);
            double d = CoordinateOrder.metres(p.lat(), p.lon(), mLat, mLon);
            if (d > MAX_SPREAD_M) {
                log.add(lines.get(i), String.format(Locale.ROOT, "position %s, %s is %.0f km from the flight's median "
                        + "position %s, %s (a misread value?): record not used", SrtPoints.num(p.lat()),
                        SrtPoints.num(p.lon()), d / 1000, SrtPoints.num(mLat), SrtPoints.num(mLon)));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static TelemetryReport report(String source, TelemetryTrack track, int records, ProblemLog log,
                                          String timing, String order, TelemetryReport.Home home) {
        return new TelemetryReport(source, track, records, log.kept(), log.count(), timing, order,
                Optional.ofNullable(home));
    }

    private static TelemetryReport unreadable(String source, String why) {
        ProblemLog log = new ProblemLog();
        log.add(0, why);
        return report(source, new TelemetryTrack(List.of()), 0, log, "nowhere", "", null);
    }
}
