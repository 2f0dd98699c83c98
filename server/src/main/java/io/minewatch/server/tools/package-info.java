/** Command-line tools that ship with the server: evidence verification. */
package io.minewatch.server.tools;
