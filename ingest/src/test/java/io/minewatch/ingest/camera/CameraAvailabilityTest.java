package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The availability state machine pulled and pushed cameras share (it was written twice, in
 * CameraIngest and PushedCamera), on a real event loop with a short debounce.
 */
class CameraAvailabilityTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(200);

    private final EventLoop loop = new DefaultEventLoop();
    private final List<CameraStatus> heard = new CopyOnWriteArrayList<>();
    private final CameraAvailability availability = new CameraAvailability("cam-1", loop, DEBOUNCE,
            "offline since ", heard::add);

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anOutageAlertsOnceAfterTheDebounceAndTheReturnReportsTheDowntime() throws Exception {
        onLoop(availability::start);
        awaitHeard(1);
        assertEquals(CameraStatus.Kind.OFFLINE_ALERT, heard.get(0).kind(), "never came online: alerted");
        assertTrue(heard.get(0).reason().startsWith("offline since "), heard.get(0).reason());

        onLoop(availability::cameOnline);
        assertEquals(List.of(CameraStatus.Kind.OFFLINE_ALERT, CameraStatus.Kind.ONLINE, CameraStatus.Kind.ONLINE_ALERT),
                kinds());
        assertTrue(heard.get(2).downtime().compareTo(DEBOUNCE) >= 0, "downtime " + heard.get(2).downtime());

        onLoop(() -> availability.wentOffline("no data"));
        onLoop(() -> availability.wentOffline("again"));
        awaitHeard(5);
        assertEquals(List.of(CameraStatus.Kind.OFFLINE_ALERT, CameraStatus.Kind.ONLINE, CameraStatus.Kind.ONLINE_ALERT,
                CameraStatus.Kind.OFFLINE, CameraStatus.Kind.OFFLINE_ALERT), kinds(), "one offline per outage");
        assertEquals("no data", heard.get(3).reason());
    }

    @Test
    void aShortOutageRaisesNoAlert() throws Exception {
        onLoop(availability::start);
        onLoop(availability::cameOnline);
        onLoop(() -> availability.wentOffline("blip"));
        onLoop(availability::cameOnline);
        passDebounce();
        assertEquals(List.of(CameraStatus.Kind.ONLINE, CameraStatus.Kind.OFFLINE, CameraStatus.Kind.ONLINE), kinds());
    }

    @Test
    void aStoppedCameraRaisesNoAlert() throws Exception {
        onLoop(availability::start);
        onLoop(availability::stop);
        passDebounce();
        assertEquals(List.of(), kinds());
    }

    private void onLoop(Runnable step) throws Exception {
        loop.submit(step).get(5, TimeUnit.SECONDS);
    }

    /** Waits on the loop itself until a debounce started now would have fired. */
    private void passDebounce() throws Exception {
        loop.schedule(() -> { }, DEBOUNCE.toMillis() * 2, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }

    private void awaitHeard(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (heard.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, heard.size(), "heard " + heard);
    }

    private List<CameraStatus.Kind> kinds() {
        return heard.stream().map(CameraStatus::kind).toList();
    }
}
