/**
 * The alerts desk: takes detection events and acknowledgements on one thread, runs the lifecycle,
 * routes, escalates and whistles, and writes each step's case rows and outbound messages in one
 * transaction (intake → dispatch → close, every step traceable).
 */
package io.minewatch.alerts.dispatch;
