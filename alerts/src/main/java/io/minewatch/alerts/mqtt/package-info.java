/**
 * Delivery over MQTT 3.1.1 with the Eclipse Paho async client: every
 * {@link io.minewatch.alerts.schema.OutboundPayload} goes through the outbox on the topic its type names.
 *
 * <p>Topics, under a configured prefix (all of them: {@link io.minewatch.alerts.schema.Topics}):
 * <ul>
 *   <li>{@code <prefix>/alerts/<site>/<camera>}: one alert payload per lifecycle step, QoS 1, not
 *       retained;</li>
 *   <li>{@code <prefix>/server/status}: retained {@code online} after every (re)connect, retained
 *       {@code offline} on a graceful close and, as the MQTT will, when the server dies.</li>
 * </ul>
 */
package io.minewatch.alerts.mqtt;
