/**
 * The durable outbox: every outbound MQTT message is committed to the database before it is
 * published, marked delivered on the broker's PUBACK, and sent again, in order, after a reconnect or
 * a restart until it is. Subscribers drop duplicates by the payload's {@code msg_id}.
 */
package io.minewatch.alerts.outbox;
