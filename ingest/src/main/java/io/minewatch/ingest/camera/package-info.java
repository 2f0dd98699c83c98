/** Camera lifecycle on Netty: connect, stream into the ring, watchdog, backoff, status and metrics. */
package io.minewatch.ingest.camera;
