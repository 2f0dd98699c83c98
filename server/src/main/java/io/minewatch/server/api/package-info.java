/**
 * HTTP API v1 route handlers (JSON; errors {@code {"error": "..."}}) and the table that assembles them
 * with the server's other routes ({@link io.minewatch.server.api.ApiRoutes}); the OpenAPI document of
 * every route is the resource {@code /api/openapi.json}.
 */
package io.minewatch.server.api;
