/**
 * The case loop's statistics over HTTP (issue 18): {@code GET /api/v1/stats/cases} (JSON), {@code .xlsx}
 * (Apache POI, one sheet per grouping, Chinese then English header rows) and {@code .pdf} (Apache PDFBox,
 * the A4 monthly report in Chinese with an embedded TrueType CJK font). The figures come from
 * {@link io.minewatch.alerts.cases.stats.CaseStatisticsReader}.
 */
package io.minewatch.server.reports;
