/**
 * The HTTP endpoint on Netty: a route table ({@link io.minewatch.server.http.Router}: methods, path
 * templates, access) answered on bounded pools, sign-in checked per route (401 no session, 403 role or
 * CSRF), optional HTTPS, health, metrics, clips by alert id and evidence exports, with bounds on what
 * any client can make it do (request deadline, per-client limit, export queue, body size).
 */
package io.minewatch.server.http;
