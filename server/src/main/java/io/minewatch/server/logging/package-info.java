/**
 * Logging of the server: Logback converters that mask credentials and configured secrets in every log
 * line and stack trace (wired in {@code logback.xml}).
 */
package io.minewatch.server.logging;
