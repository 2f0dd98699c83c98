/**
 * The live feed: every message the outbox commits that the console shows, numbered by the outbox
 * sequence, kept in a bounded window for catch-up and fanned out to WebSocket clients
 * ({@code GET /api/v1/live?after=<seq>}).
 */
package io.minewatch.server.live;
