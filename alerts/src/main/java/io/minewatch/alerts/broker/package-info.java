/**
 * The embedded MQTT 3.1.1 broker (Moquette) the server starts when no external broker is configured:
 * in memory only, anonymous, bound to one address and port.
 */
package io.minewatch.alerts.broker;
