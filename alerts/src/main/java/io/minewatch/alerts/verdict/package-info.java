/**
 * Analysts' verdicts on alerts (confirmed / false alarm with a reason, category correction, the right
 * box): stored with who and when ({@link io.minewatch.alerts.verdict.VerdictStore}), and turned into what
 * teaches the detector: a labels file for {@code scripts/evaluate} ({@link io.minewatch.alerts.verdict.LabelsExport}),
 * a YOLO/COCO dataset ({@link io.minewatch.alerts.verdict.DatasetExport}) and precision per camera and rule.
 */
package io.minewatch.alerts.verdict;
