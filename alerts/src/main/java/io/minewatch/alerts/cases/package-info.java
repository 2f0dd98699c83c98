/**
 * The county's enforcement loop (issue 18): cases opened from alerts, flight findings or by hand,
 * dispatched to a patrol district's team, recorded on site, matters identified against the authority
 * catalogue, matters outside the township's list whistled to city departments (acknowledge, report,
 * escalate), closed with an outcome per matter and reviewed by the legal office. {@link CaseDesk} is
 * the one entry point; every step is a {@code case_step} row, an audit-log entry and an MQTT message.
 *
 * <p>{@link CaseService} implements it: {@code CaseCommits} runs each step in one transaction (rows, steps,
 * outbox messages; audit after the commit); {@code Intakes} opens cases, {@code FieldSteps} dispatches and
 * records on site, {@code Photos} keeps photos, {@code Whistles} issues, acknowledges, reports and escalates
 * whistles, {@code Closing} closes and reviews, {@code CaseReader} builds the views; {@code CaseRows},
 * {@code PartRows}, {@code WhistleRows} and {@code Sequences} are the tables and ids; {@code Catalogue} is the
 * catalogue in force; {@code WhistleEscalator} is the desk's own thread ({@code case-escalation}).
 */
package io.minewatch.alerts.cases;
