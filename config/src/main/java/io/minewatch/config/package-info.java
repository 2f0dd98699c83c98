/**
 * Typed, strict YAML configuration of a minewatch server: sites, cameras, officials, MQTT, storage
 * and HTTP.
 *
 * <p>{@link io.minewatch.config.ConfigLoader} reads one YAML file, substitutes {@code ${VAR}} and
 * {@code ${VAR:-default}} placeholders from the environment, and validates every key by hand so that
 * each error is one line naming the file, the line and the key path. Unknown keys are errors; every
 * other key has a default and bounds. Secrets (the MQTT password, any value that came from a
 * placeholder, passwords inside camera URLs) never appear in an error message. The loader remembers
 * every secret of the file (values of secret keys, credentials inside URLs) and {@link
 * io.minewatch.config.Redact#text(String)} masks them, and every credential of a known shape
 * ({@code user:pass@}, {@code ?password=}, {@code ;password=}), in whatever any module prints.
 */
package io.minewatch.config;
