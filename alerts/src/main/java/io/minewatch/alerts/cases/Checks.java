package io.minewatch.alerts.cases;

import io.minewatch.config.AlertsConfig;
import java.math.BigDecimal;

/** Input checks of the case loop: each refusal names its field. */
final class Checks {
    static final int MAX_TITLE = 512;
    static final int MAX_TEXT = 4000;
    static final int MAX_SHORT = 64;
    static final int MAX_LIST = 50;
    /** A penalty above this is a typing mistake (yuan). */
    static final BigDecimal MAX_PENALTY = new BigDecimal("100000000");

    private Checks() {
    }

    static CaseException invalid(String what) {
        return new CaseException(CaseException.Kind.INVALID, what);
    }

    static CaseException conflict(String what) {
        return new CaseException(CaseException.Kind.CONFLICT, what);
    }

    /** Null stays null; else at most {@code max} characters, no control characters but line breaks. */
    static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw invalid(field + ": at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t') {
                throw invalid(field + ": control characters are not allowed");
            }
        }
        return value;
    }

    static String level(String field, String level) {
        if (level != null && !AlertsConfig.LEVELS.contains(level)) {
            throw invalid(field + ": unknown level " + level + " (quick, tough or emergency)");
        }
        return level;
    }

    /** An outcome's kind, notice number and penalty; {@code field} names it in messages. */
    static Outcome outcome(String field, Outcome o) {
        if (o == null || o.kind() == null || !Outcome.KINDS.contains(o.kind())) {
            throw invalid(field + ".kind: expected one of " + String.join(", ", Outcome.KINDS));
        }
        text(field + ".notice_no", o.noticeNo(), MAX_SHORT);
        text(field + ".note", o.note(), MAX_TEXT);
        boolean needsNotice = o.kind().equals("notice") || o.kind().equals("penalty");
        if (needsNotice && (o.noticeNo() == null || o.noticeNo().isBlank())) {
            throw invalid(field + ".notice_no: required for " + o.kind());
        }
        if (o.kind().equals("penalty")) {
            BigDecimal y = o.penaltyYuan();
            if (y == null || y.signum() <= 0) {
                throw invalid(field + ".penalty_yuan: a penalty needs an amount > 0");
            }
            if (y.stripTrailingZeros().scale() > 2 || y.compareTo(MAX_PENALTY) > 0) {
                throw invalid(field + ".penalty_yuan: at most two decimals and " + MAX_PENALTY.toPlainString());
            }
        } else if (o.penaltyYuan() != null) {
            throw invalid(field + ".penalty_yuan: only a penalty has an amount");
        }
        return o;
    }
}
