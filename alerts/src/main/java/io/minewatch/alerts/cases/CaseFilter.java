package io.minewatch.alerts.cases;

/**
 * Which cases to list; null fields do not filter.
 *
 * @param state    a case state
 * @param township township id
 * @param district district id
 * @param team     team id (an official's list: their teams' cases)
 * @param source   alert, flight, hotline, patrol
 * @param since    opened at or after (epoch ms)
 * @param until    opened before (epoch ms)
 * @param before   keyset: cases opened before this case (its id), for the next page
 * @param limit    1..200
 */
public record CaseFilter(String state, String township, String district, String team, String source, Long since,
                         Long until, String before, int limit) {
}
