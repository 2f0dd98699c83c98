package io.minewatch.ingest.telemetry;

import io.minewatch.testkit.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared DJI telemetry sidecars ({@code shared/media/telemetry}). */
final class SrtFiles {
    static final String AIR_3S = "CallMarcus_air3S_clip.SRT";
    static final String MAVIC_3 = "MAVIC3.srt";
    static final String AIR_2S = "air2s.srt";
    static final String MAVIC_2_STYLE = "mavic_2_style.SRT";
    static final String MAVIC_MINI = "mavic_mini.SRT";
    static final String MAVIC_PRO = "mavic_pro.SRT";
    static final String P4_RTK = "p4_rtk.SRT";

    private SrtFiles() {
    }

    static Path path(String name) {
        Path p = SharedFiles.shared().resolve("media/telemetry").resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("missing shared file " + p + " (set -Dminewatch.shared or MINEWATCH_SHARED)");
        }
        return p;
    }

    static String text(String name) throws IOException {
        return Files.readString(path(name), StandardCharsets.UTF_8);
    }

    static TelemetryReport parse(String text) {
        return new SrtParser().parse(text.getBytes(StandardCharsets.UTF_8), "test.SRT");
    }
}
