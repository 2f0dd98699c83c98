package io.minewatch.ingest.camera;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A network camera's availability as its status listener hears it: {@code online}/{@code offline}
 * at once, and the {@code camera_offline}/{@code camera_online} alerts once the camera has been
 * offline for the debounce time. Shared by pulled and pushed cameras; every call runs on the
 * camera's event loop, so it needs no locks.
 */
public final class CameraAvailability {
    private final String camera;
    private final EventLoop loop;
    private final Duration debounceTime;
    private final String offlineWording;
    private final CameraStatusListener listener;

    private boolean online;
    private boolean offlineAlerted;
    private boolean stopped;
    private Instant offlineSince = Instant.now();
    private ScheduledFuture<?> debounce;

    /**
     * @param offlineWording how the offline alert's reason begins, before the time the camera went
     *                       offline (e.g. {@code "offline since "})
     */
    public CameraAvailability(String camera, EventLoop loop, Duration debounceTime, String offlineWording,
                              CameraStatusListener listener) {
        this.camera = camera;
        this.loop = loop;
        this.debounceTime = debounceTime;
        this.offlineWording = offlineWording;
        this.listener = listener;
    }

    /** Whether the camera is online (read off the loop only as a hint). */
    public boolean online() {
        return online;
    }

    /** The camera is offline from now on until it first delivers: arms the offline alert. */
    public void start() {
        offlineSince = Instant.now();
        scheduleDebounce();
    }

    /** The camera went offline: reports {@code offline} and arms the alert; nothing when it already was. */
    public void wentOffline(String reason) {
        if (!online) {
            return;
        }
        online = false;
        offlineSince = Instant.now();
        listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.OFFLINE, offlineSince, reason, Duration.ZERO));
        scheduleDebounce();
    }

    /**
     * The camera delivers again: reports {@code online}, and {@code camera_online} with the downtime
     * when its offline alert had gone out.
     */
    public void cameOnline() {
        cameOnline("");
    }

    /** As {@link #cameOnline()}, naming the RTP transport in use ({@code tcp}, {@code udp}; "" when none applies). */
    public void cameOnline(String transport) {
        online = true;
        cancelDebounce();
        Instant now = Instant.now();
        listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.ONLINE, now, "", Duration.ZERO, transport));
        if (offlineAlerted) {
            offlineAlerted = false;
            listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.ONLINE_ALERT, now, "",
                    Duration.between(offlineSince, now)));
        }
    }

    /** No alert goes out after this (the camera is closed). */
    public void stop() {
        stopped = true;
        cancelDebounce();
    }

    private void scheduleDebounce() {
        cancelDebounce();
        debounce = loop.schedule(() -> {
            if (!online && !offlineAlerted && !stopped) {
                offlineAlerted = true;
                listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.OFFLINE_ALERT, Instant.now(),
                        offlineWording + offlineSince, Duration.ZERO));
            }
        }, debounceTime.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelDebounce() {
        if (debounce != null) {
            debounce.cancel(false);
        }
    }
}
