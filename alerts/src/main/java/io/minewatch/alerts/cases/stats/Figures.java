package io.minewatch.alerts.cases.stats;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The figures of one period for the whole county or one township, district or team (the definitions are
 * in {@link CaseStatisticsReader}). Rates are fractions 0–1 (4 decimals), null when their denominator is 0;
 * percentiles are null when there is no value.
 *
 * @param casesBySource       cases opened, by source: alert, flight, hotline, patrol (every key present)
 * @param whistlesByLevel     whistles issued, by level: quick, tough, emergency (every key present)
 * @param penaltyYuan         sum of the penalties, yuan with 2 decimals
 */
public record Figures(
        int casesOpened,
        Map<String, Integer> casesBySource,
        int casesClosed,
        Double closureRate,
        int dispatches,
        int onSiteRecords,
        int lateOnSite,
        long personTimes,
        long vehicleTimes,
        int inspections,
        int jointActions,
        int whistles,
        Map<String, Integer> whistlesByLevel,
        Double whistleAckMinutesP50,
        Double whistleReportHoursP50,
        int whistlesOverdue,
        int notices,
        int penalties,
        BigDecimal penaltyYuan,
        Double alertToOnSiteMinutesP50,
        Double alertToOnSiteMinutesP90,
        int reviews,
        int reviewsPassed,
        Double reviewPassRate) {

    public Figures {
        casesBySource = Map.copyOf(casesBySource);
        whistlesByLevel = Map.copyOf(whistlesByLevel);
    }
}
