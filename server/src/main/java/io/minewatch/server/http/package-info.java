/**
 * The HTTP endpoint on Netty: health, metrics, clips by alert id and evidence exports, with bounds on
 * what any client can make it do (request deadline, per-client limit, export queue).
 */
package io.minewatch.server.http;
