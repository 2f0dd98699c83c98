package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The done-means run (long: one class): 12 cameras over TCP and 1 over UDP pulled from the
 * GStreamer server for 2 minutes. A reader per camera follows its ring like the decoder does; every
 * access unit must arrive: the sequence read equals the clip's packets one for one (both clips, the
 * 720p one with B-frames, across loop boundaries), with no gap and no reconnect.
 */
// Mostly waiting (a timed run or outage) on its own server and ports: runs alongside the module's other tests.
@Execution(ExecutionMode.CONCURRENT)
class TwelveCamerasTest {
    private static final Duration RUN = Duration.ofMinutes(2);

    @Test
    void twelveTcpAndOneUdpForTwoMinutes() throws Exception {
        ClipIndex small = ClipIndex.of(SharedFiles.video(SharedFiles.TRAFFIC));
        ClipIndex hd = ClipIndex.of(SharedFiles.video(SharedFiles.HIGHWAY_720P));
        List<String> mounts = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            Path clip = i % 2 == 0 ? SharedFiles.video(SharedFiles.TRAFFIC) : SharedFiles.video(SharedFiles.HIGHWAY_720P);
            mounts.add("cam" + i + "=" + clip);
        }
        IngestSettings tcp = IngestSettings.DEFAULTS;
        IngestSettings udp = new IngestSettings(IngestSettings.Transport.UDP, tcp.timeout(), tcp.noDataTimeout(),
                tcp.offlineDebounce(), tcp.ringSeconds(), tcp.ringBytes());
        try (RtspServerProcess server = RtspServerProcess.start(List.of(), mounts.toArray(String[]::new));
             RtspIngest ingest = new RtspIngest(1, new SimpleMeterRegistry())) {
            List<CameraIngest> cams = new ArrayList<>();
            List<Follower> followers = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                CameraIngest c = ingest.add("cam" + i, server.url("cam" + i), i == 12 ? udp : tcp, s -> { });
                cams.add(c);
                followers.add(new Follower(c.ring().reader()));
            }
            ingest.start();
            followers.forEach(Thread::start);
            Thread.sleep(RUN.toMillis());
            for (Follower f : followers) {
                f.interrupt();
                f.join(5000);
            }
            for (int i = 0; i < 13; i++) {
                CameraIngest c = cams.get(i);
                List<AccessUnit> seen = followers.get(i).seen;
                double seconds = (seen.get(seen.size() - 1).ptsMicros() - seen.get(0).ptsMicros()) / 1e6;
                assertTrue(seconds > RUN.toSeconds() - 10, c.camera() + ": only " + seconds + " s followed");
                assertNull(AuSequence.check(seen, i % 2 == 0 ? small : hd), c.camera());
                assertEquals(0, c.metrics().sequenceGaps(), c.camera() + ": gaps");
                assertEquals(0, c.metrics().reconnects(), c.camera() + ": reconnects");
                assertEquals(0, followers.get(i).reader.skipped(), c.camera() + ": reader fell behind");
            }
        }
    }

    /** Reads a ring like a decoder would, keeping only timestamps and key flags. */
    private static final class Follower extends Thread {
        final RingReader reader;
        final List<AccessUnit> seen = new ArrayList<>();

        Follower(RingReader reader) {
            super("follower");
            this.reader = reader;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    AccessUnit au = reader.next(500);
                    if (au != null) {
                        seen.add(new AccessUnit(au.codec(), new byte[0], au.rtpTimestamp(), au.ptsMicros(),
                                au.wallMicros(), au.keyFrame(), au.epoch()));
                    }
                }
            } catch (InterruptedException e) {
                // done
            }
        }
    }
}
