/**
 * The case loop's statistics (issue 18): every figure of a month or quarter in the county's zone, in total
 * and per township, district, team and department, read from the case tables
 * ({@link io.minewatch.alerts.cases.stats.CaseStatisticsReader} holds the definitions), as a record and as
 * the API's JSON, with the columns the XLSX and PDF exports share.
 */
package io.minewatch.alerts.cases.stats;
