package io.minewatch.tools.flight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.ingest.telemetry.SrtParser;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.ingest.telemetry.TelemetryProblem;
import io.minewatch.ingest.telemetry.TelemetryReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code flight telemetry FILE [--fps N]}: prints a drone telemetry file's track as JSON lines, one per position:
 * {@code t} (seconds from the video's start), {@code lat}, {@code lon}, and {@code alt_rel} (height above take-off)
 * and {@code alt_abs} (above sea level) where the file gives them. On stderr: one summary line (records,
 * positions, where times came from, how GPS(...) was read) and each thing it could not read, with its line.
 * {@code --fps} is the frame rate that turns frame counters into seconds in files without {@code -->} times
 * (default 30). Exit 0 when at least one position was read, 1 when none, 2 on a usage error.
 */
public final class TelemetryCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelemetryCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        Double fps = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fps") && i + 1 < args.length) {
                try {
                    fps = Double.parseDouble(args[++i]);
                } catch (NumberFormatException e) {
                    return usage(err, "--fps takes a number, got " + args[i]);
                }
            } else if (!args[i].startsWith("--") && file == null) {
                file = args[i];
            } else {
                return usage(err, "unexpected argument " + args[i]);
            }
        }
        if (file == null) {
            return usage(err, "no telemetry file given");
        }
        SrtParser parser;
        try {
            parser = fps == null ? new SrtParser() : SrtParser.withFrameRate(fps);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        TelemetryReport r = parser.parse(Path.of(file));
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            for (TelemetryPoint p : r.track().points()) {
                w.write(line(p));
                w.write('\n');
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.println(r.summary());
        for (TelemetryProblem p : r.problems()) {
            err.println(file + ": " + p);
        }
        if (r.problemCount() > r.problems().size()) {
            err.println(file + ": ... and " + (r.problemCount() - r.problems().size()) + " more problems");
        }
        return r.hasPositions() ? 0 : 1;
    }

    /** One position as a JSON object on one line. */
    static String line(TelemetryPoint p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("t", Math.round(p.t() * 1e6) / 1e6);
        o.put("lat", p.lat());
        o.put("lon", p.lon());
        if (p.altRel() != null) {
            o.put("alt_rel", p.altRel());
        }
        if (p.altAbs() != null) {
            o.put("alt_abs", p.altAbs());
        }
        return o.toString();
    }

    private static int usage(PrintStream err, String why) {
        err.println("flight telemetry: " + why);
        err.println("usage: scripts/flight telemetry FILE [--fps N]");
        return 2;
    }
}
