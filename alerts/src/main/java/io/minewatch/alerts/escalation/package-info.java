/**
 * Alert cases: their state (open, acknowledged, closed), who they are routed to, the escalation
 * deadline, the audit trail of every state change with time and actor, and inbound acknowledgements.
 */
package io.minewatch.alerts.escalation;
