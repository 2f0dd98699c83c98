package io.minewatch.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.testkit.SharedFiles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decode benchmark's input and the live decoder's end of stream: a file's packets as access
 * units through a closed ring into {@link AccessUnitFrameSource} give every picture back — the
 * frames a B-frame decoder holds at the end included — with one decoder thread or several.
 */
class AnnexBFileTest {

    @Test
    void everyPictureOfAClipWithBFramesComesOutWithOneOrTwoThreads() throws Exception {
        List<AccessUnit> units = AnnexBFile.read(SharedFiles.video("mihailrc_highway_traffic.mp4"));
        assertTrue(units.size() > 300, "access units " + units.size());
        assertTrue(units.get(0).keyFrame(), "starts at a key frame");
        assertEquals(0x00, units.get(0).data()[0]);
        assertEquals(0x01, units.get(0).data()[3], "Annex-B start code");
        for (int threads : new int[] {1, 2}) {
            AnnexBFile.Decoded d = AnnexBFile.decode(units, 5, threads,
                    frame -> assertEquals(1280, frame.bgr().cols(), "converted at the camera's own size"));
            assertEquals(units.size(), d.frames(), threads + " thread(s): every access unit is one picture");
            assertEquals(0, d.errors(), "decode errors");
            assertEquals(0, d.dropped(), "the clip starts at a key frame: nothing dropped");
            // 11.2 s at 5 fps
            assertTrue(d.picked() >= 55 && d.picked() <= 57, "frames picked at 5 fps: " + d.picked());
        }
    }

    @Test
    void aClipStartingMidGopStartsAtItsFirstKeyFrame() throws Exception {
        // The traffic clip has 1.86 s of pictures before its first key frame (19 of them).
        List<AccessUnit> units = AnnexBFile.read(SharedFiles.video(SharedFiles.TRAFFIC));
        int firstKey = 0;
        while (!units.get(firstKey).keyFrame()) {
            firstKey++;
        }
        assertEquals(19, firstKey);
        AnnexBFile.Decoded d = AnnexBFile.decode(units, 5, 1, frame -> { });
        assertEquals(firstKey, d.dropped());
        assertEquals(units.size() - firstKey, d.frames());
        assertEquals(0, d.errors());
    }

    @Test
    void aFileThatIsNotH264OrH265IsRefusedByName() {
        IOException e = assertThrows(IOException.class, () -> AnnexBFile.read(SharedFiles.video(SharedFiles.HAAR)));
        assertTrue(e.getMessage().contains(SharedFiles.HAAR) && e.getMessage().contains("not H.264"), e.getMessage());
    }
}
