package io.minewatch.alerts.cases;

import java.util.List;

/**
 * What a case is opened from.
 *
 * @param source   {@code alert}, {@code flight}, {@code hotline} or {@code patrol}
 * @param alerts   alert ids (source alert: at least one; position, township and time from the first)
 * @param flight   flight id (source flight), with {@code finding} the finding's alert id in it
 * @param finding  see flight
 * @param title    short title; defaults from the alert or flight
 * @param note     free text (the hotline call, the patrol's words)
 * @param lat      position, required for hotline/patrol unless {@code township} is given
 * @param lon      see lat
 * @param township township id; defaults to the alert's site's township or the district at the position
 * @param level    quick, tough or emergency; defaults from the alert, else quick
 */
public record Intake(String source, List<String> alerts, String flight, String finding, String title, String note,
                     Double lat, Double lon, String township, String level) {
    public static final List<String> SOURCES = List.of("alert", "flight", "hotline", "patrol");

    public Intake {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
