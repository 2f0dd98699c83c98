package io.minewatch.alerts.cases;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of one matter.
 *
 * @param code        the matter's code
 * @param kind        notice, penalty, rectified, referred or dismissed
 * @param noticeNo    the rectification / penalty notice's number (required for notice and penalty)
 * @param penaltyYuan the penalty in yuan, two decimals at most (required for penalty, &gt; 0)
 * @param note        free text
 */
public record Outcome(String code, String kind, String noticeNo, BigDecimal penaltyYuan, String note) {
    public static final List<String> KINDS = List.of("notice", "penalty", "rectified", "referred", "dismissed");
}
