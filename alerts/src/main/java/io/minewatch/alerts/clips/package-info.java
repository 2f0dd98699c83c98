/** Clips of alerts on disk: the store found by alert id, and retention by age, quota and free space. */
package io.minewatch.alerts.clips;
