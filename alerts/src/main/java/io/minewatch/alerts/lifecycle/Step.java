package io.minewatch.alerts.lifecycle;

import io.minewatch.alerts.schema.Alert;

/**
 * What the lifecycle made of one event or tick.
 *
 * @param kind  new, update, end, or a reason nothing went out: none (no better evidence), suppressed,
 *              cooldown, stationary
 * @param alert the message to send for new, update and end; null otherwise
 */
public record Step(String kind, Alert alert) {

    public static final String NEW = "new";
    public static final String UPDATE = "update";
    public static final String END = "end";
    public static final String NONE = "none";
    public static final String SUPPRESSED = "suppressed";
    public static final String COOLDOWN = "cooldown";
    public static final String STATIONARY = "stationary";

    /** True when a message goes out. */
    public boolean publishes() {
        return alert != null;
    }
}
