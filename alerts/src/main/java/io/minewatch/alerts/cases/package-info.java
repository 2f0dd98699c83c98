/**
 * The county's enforcement loop (issue 18): cases opened from alerts, flight findings or by hand,
 * dispatched to a patrol district's team, recorded on site, matters identified against the authority
 * catalogue, matters outside the township's list whistled to city departments (acknowledge, report,
 * escalate), closed with an outcome per matter and reviewed by the legal office. {@link CaseDesk} is
 * the one entry point; every step is a {@code case_step} row, an audit-log entry and an MQTT message.
 */
package io.minewatch.alerts.cases;
