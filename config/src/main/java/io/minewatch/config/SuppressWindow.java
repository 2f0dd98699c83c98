package io.minewatch.config;

import java.time.LocalTime;
import java.util.List;

/**
 * A daily window in which matching detections raise no alert (e.g. licensed working hours).
 *
 * @param cameras cameras it applies to; empty = all
 * @param rules   rules it applies to; empty = all
 * @param from    start (inclusive), local time in the camera's site time zone ({@code sites[].timezone})
 * @param to      end (exclusive); before {@code from} the window spans midnight
 */
public record SuppressWindow(List<String> cameras, List<String> rules, LocalTime from, LocalTime to) {

    public SuppressWindow {
        cameras = List.copyOf(cameras);
        rules = List.copyOf(rules);
    }

    /** Whether a detection of this camera and rule at this local time is suppressed. */
    public boolean covers(String camera, String rule, LocalTime time) {
        if (!cameras.isEmpty() && !cameras.contains(camera) || !rules.isEmpty() && !rules.contains(rule)) {
            return false;
        }
        return from.isBefore(to) || from.equals(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }
}
