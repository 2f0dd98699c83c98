/**
 * The embedded MQTT 3.1.1 broker (Moquette) the server starts when no external broker is configured:
 * in memory only, bound to one address and port, with logins, client ids bound to logins, per-topic
 * authorisation ({@code BrokerSecurity}) and a front door that checks anonymous clients; and the
 * equivalent password, ACL and configuration files for an external Mosquitto.
 */
package io.minewatch.alerts.broker;
