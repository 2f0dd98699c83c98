/**
 * The versioned MQTT API: topic names under the configured prefix and one payload record per message
 * type, each with a {@code schema} id and a JSON Schema file in {@code resources/schemas}.
 */
package io.minewatch.alerts.schema;
