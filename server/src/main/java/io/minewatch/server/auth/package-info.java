/**
 * Sign-in, sessions and roles of the console and HTTP API: accounts from {@code users[]} and
 * {@code officials[]} with Argon2id password hashes, sessions behind the {@code mw_session} cookie with
 * a CSRF token each, login throttling, and the audit of sign-ins.
 */
package io.minewatch.server.auth;
