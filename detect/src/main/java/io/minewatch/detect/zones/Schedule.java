package io.minewatch.detect.zones;

import io.minewatch.config.DetectSettings.TimeWindow;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Daily time windows in a site's time zone (e.g. night 20:00–06:00). A rule with a schedule fires
 * only for frames captured inside one of its windows.
 */
public final class Schedule {
    /** Always open. */
    public static final Schedule ALWAYS = new Schedule("always", List.of(new TimeWindow(0, 0)), ZoneId.of("UTC"));

    private final String name;
    private final List<TimeWindow> windows;
    private final ZoneId zone;

    public Schedule(String name, List<TimeWindow> windows, ZoneId zone) {
        this.name = name;
        this.windows = List.copyOf(windows);
        this.zone = zone;
    }

    public String name() {
        return name;
    }

    /** Whether the instant, read in the site's zone, lies in a window. */
    public boolean contains(Instant t) {
        if (this == ALWAYS) {
            return true;
        }
        LocalTime local = t.atZone(zone).toLocalTime();
        int minute = local.getHour() * 60 + local.getMinute();
        for (TimeWindow w : windows) {
            if (w.contains(minute)) {
                return true;
            }
        }
        return false;
    }
}
