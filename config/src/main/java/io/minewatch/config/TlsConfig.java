package io.minewatch.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the HTTP endpoint ({@code http.tls}): a PEM certificate chain and its PEM private key
 * (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}). Both are checked to exist and look like PEM when the
 * configuration is loaded.
 */
public record TlsConfig(Path cert, Path key) {
    public TlsConfig {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}
