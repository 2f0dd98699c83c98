/**
 * Alert delivery over MQTT 3.1.1 with the Eclipse Paho async client.
 *
 * <p>Topics, under a configured prefix:
 * <ul>
 *   <li>{@code <prefix>/alerts/<site>/<camera>}: one {@link io.minewatch.alerts.AlertJson} payload per
 *       alert, QoS 1, not retained;</li>
 *   <li>{@code <prefix>/server/status}: retained {@code online} after every (re)connect, retained
 *       {@code offline} on a graceful close and, as the MQTT will, when the server dies.</li>
 * </ul>
 */
package io.minewatch.alerts.mqtt;
