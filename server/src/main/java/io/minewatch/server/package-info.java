/** Wiring and the entry point: builds every component in one place and closes them in reverse. */
package io.minewatch.server;
