package io.minewatch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Path;

/**
 * What the whole-server tests share beyond the test kit: the model card they run and the two clips they
 * feed (ports, topic prefixes, the RTSP server, ffmpeg and schema checks are in io.minewatch.testkit).
 */
final class TestSite {
    static final Path MODELS = SharedFiles.models();
    /** The default model card. */
    static final Path MODEL = SharedFiles.model("yolox-nano");
    /** The freeway clip with the tanker at ~1 s (MPEG-4 320x240). */
    static final Path HAAR = SharedFiles.videoDir().resolve(SharedFiles.HAAR);
    /** The street clip with parked cars and a school bus (H.264 640x360). */
    static final Path TRAFFIC = SharedFiles.videoDir().resolve(SharedFiles.TRAFFIC);
    static final ObjectMapper JSON = new ObjectMapper();

    private TestSite() {
    }
}
