package io.minewatch.alerts.cases.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;


/**
 * {@link CaseStatistics} as the API answers it: {@code {"period", "from", "to", "zone", "total": {figures},
 * "by_township": {id: {figures}}, "by_district", "by_team", "by_department": {id: {...}}}}, the figures
 * nested as their {@link StatisticsColumns} keys say ({@code cases_by_source.alert} →
 * {@code "cases_by_source": {"alert": n}}); {@code from}/{@code to} ISO-8601 with the zone's offset.
 */
public final class StatisticsJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatisticsJson() {
    }

    public static ObjectNode of(CaseStatistics s) {
        ObjectNode o = JSON.objectNode();
        o.put("period", s.period().label());
        o.put("from", s.period().fromZoned().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        o.put("to", s.period().toZoned().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        o.put("zone", s.period().zone().getId());
        o.set("total", object(s.total(), StatisticsColumns.FIGURES));
        ObjectNode t = o.putObject("by_township");
        s.byTownship().forEach((k, v) -> t.set(k, object(v, StatisticsColumns.FIGURES)));
        ObjectNode d = o.putObject("by_district");
        s.byDistrict().forEach((k, v) -> d.set(k, object(v, StatisticsColumns.FIGURES)));
        ObjectNode m = o.putObject("by_team");
        s.byTeam().forEach((k, v) -> m.set(k, object(v, StatisticsColumns.FIGURES)));
        ObjectNode dep = o.putObject("by_department");
        s.byDepartment().forEach((k, v) -> dep.set(k, object(v, StatisticsColumns.DEPARTMENTS)));
        return o;
    }

    private static <T> ObjectNode object(T figures, List<StatisticsColumns.Column<T>> columns) {
        ObjectNode o = JSON.objectNode();
        for (StatisticsColumns.Column<T> c : columns) {
            ObjectNode at = o;
            String key = c.key();
            int dot = key.indexOf('.');
            if (dot > 0) {
                String parent = key.substring(0, dot);
                at = o.has(parent) ? (ObjectNode) o.get(parent) : o.putObject(parent);
                key = key.substring(dot + 1);
            }
            put(at, key, c.value().apply(figures));
        }
        return o;
    }

    private static void put(ObjectNode o, String key, Number n) {
        if (n == null) {
            o.putNull(key);
        } else if (n instanceof BigDecimal b) {
            o.put(key, b);
        } else if (n instanceof Double x) {
            o.put(key, x);
        } else if (n instanceof Long l) {
            o.put(key, l);
        } else {
            o.put(key, n.intValue());
        }
    }

}
