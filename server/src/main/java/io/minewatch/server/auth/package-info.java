/** Sign-in, sessions and roles of the console and HTTP API. */
package io.minewatch.server.auth;
