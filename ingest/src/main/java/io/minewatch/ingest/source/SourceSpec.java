package io.minewatch.ingest.source;

import java.util.Map;

/**
 * How to open one camera's stream: what it is, where it is, and the demuxer options to use.
 *
 * @param camera      camera id
 * @param kind        file or network stream
 * @param uri         the path or URL to open; may hold credentials, so never log it — log {@code safeName}
 * @param safeName    the same with any password masked, for logs, metrics and answers
 * @param options     demuxer options (FFmpeg AVOptions) for this source
 * @param realtime    file sources: pace frames at their timestamps
 * @param loop        file sources: start again at the end
 */
public record SourceSpec(
        String camera,
        Kind kind,
        String uri,
        String safeName,
        Map<String, String> options,
        boolean realtime,
        boolean loop) {

    /** What sort of source a camera has. */
    public enum Kind {
        /** A local video file, e.g. an uploaded drone clip or a test clip. */
        FILE,
        /** A live RTSP camera. */
        RTSP
    }

    public SourceSpec {
        options = Map.copyOf(options);
    }

    /** Live sources drop decoded frames when the detector is busy; files played fast push back instead. */
    public boolean live() {
        return kind == Kind.RTSP || realtime;
    }

    @Override
    public String toString() {
        return "SourceSpec[" + camera + ", " + kind + ", " + safeName + "]";
    }
}
