package io.minewatch.alerts.cases.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistics period: a calendar month ({@code 2026-11}) or quarter ({@code 2026-Q4}) in the county's
 * time zone, from its first midnight (inclusive) to the next period's first midnight (exclusive).
 * Years 2000–2999 only.
 *
 * @param label the period as written ({@code 2026-11}, {@code 2026-Q4}; {@code q} is upper-cased)
 * @param first the first day
 * @param end   the first day after the period
 * @param zone  the zone its days are read in
 */
public record Period(String label, LocalDate first, LocalDate end, ZoneId zone) {

    private static final Pattern MONTH = Pattern.compile("(2\\d{3})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(2\\d{3})-[Qq]([1-4])");

    public Period {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * Parses {@code YYYY-MM} or {@code YYYY-Qn}.
     *
     * @throws IllegalArgumentException naming the parameter {@code period} and the forms it takes
     */
    public static Period parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is required: a month such as 2026-11 or a quarter such as 2026-Q4");
        }
        String t = text.strip();
        Matcher m = MONTH.matcher(t);
        if (m.matches()) {
            LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            return new Period(t, first, first.plusMonths(1), zone);
        }
        Matcher q = QUARTER.matcher(t);
        if (q.matches()) {
            int n = Integer.parseInt(q.group(2));
            LocalDate first = LocalDate.of(Integer.parseInt(q.group(1)), 3 * (n - 1) + 1, 1);
            return new Period(q.group(1) + "-Q" + n, first, first.plusMonths(3), zone);
        }
        String shown = t.length() > 20 ? t.substring(0, 20) + "…" : t;
        throw new IllegalArgumentException("period \"" + shown.replaceAll("\\p{Cntrl}", "?")
                + "\" is not a month (YYYY-MM, e.g. 2026-11) or a quarter (YYYY-Qn, e.g. 2026-Q4)");
    }

    /** Whether this is a quarter. */
    public boolean quarter() {
        return label.contains("Q");
    }

    /** The first instant of the period. */
    public Instant from() {
        return first.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant to() {
        return end.atStartOfDay(zone).toInstant();
    }

    /** The first midnight, with the zone's offset (for the answer's {@code from}). */
    public ZonedDateTime fromZoned() {
        return first.atStartOfDay(zone);
    }

    /** The midnight after the period, with the zone's offset (for the answer's {@code to}). */
    public ZonedDateTime toZoned() {
        return end.atStartOfDay(zone);
    }

    /** In Chinese, for reports: {@code 2026年11月} or {@code 2026年第4季度}. */
    public String chinese() {
        if (quarter()) {
            return first.getYear() + "年第" + ((first.getMonthValue() - 1) / 3 + 1) + "季度";
        }
        return first.getYear() + "年" + first.getMonthValue() + "月";
    }

    /** Whether an epoch-millisecond time lies in the period. */
    public boolean contains(long epochMillis) {
        return epochMillis >= from().toEpochMilli() && epochMillis < to().toEpochMilli();
    }
}
