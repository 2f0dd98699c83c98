/** The HTTP endpoint on Netty: health and metrics now, the clip and evidence API later. */
package io.minewatch.server.http;
