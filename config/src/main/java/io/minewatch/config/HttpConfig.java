package io.minewatch.config;

/** The HTTP endpoint (health, metrics, later the API): bind host (default 127.0.0.1) and port (default 8080). */
public record HttpConfig(String host, int port) {
}
