package io.minewatch.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BenchDetect's options come from flags, never from file names. */
class BenchDetectTest {
    /**
     * Regression: the cameras bench decoded a clip at 640 px wide when its file name contained
     * "highway"; any other 720p clip ran at full size, and a renamed file changed the result.
     */
    @Test
    void widthComesFromTheFlagBeforeEachFile() {
        List<BenchDetect.Clip> clips = BenchDetect.clips(List.of(
                "a/highway.mp4", "--width", "640", "b/street.mp4", "c/other.mp4"));
        assertEquals(List.of(new BenchDetect.Clip(Path.of("a/highway.mp4"), 0),
                new BenchDetect.Clip(Path.of("b/street.mp4"), 640),
                new BenchDetect.Clip(Path.of("c/other.mp4"), 0)), clips);
    }

    @Test
    void aBadOptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchDetect.clips(List.of("a.mp4", "--width")));
        assertThrows(IllegalArgumentException.class, () -> BenchDetect.clips(List.of("--width", "-1", "a.mp4")));
        assertThrows(IllegalArgumentException.class, () -> BenchDetect.clips(List.of("--widht", "640", "a.mp4")));
        assertThrows(IllegalArgumentException.class, () -> BenchDetect.clips(List.of("--width", "640")));
    }
}
