/** Test helpers for the alerts module: sample alerts, a real MQTT subscriber, broker checks. */
package io.minewatch.alerts.testing;
