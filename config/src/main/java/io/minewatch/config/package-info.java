/**
 * Typed, strict YAML configuration of a minewatch server: sites, cameras, officials, MQTT, storage
 * and HTTP.
 *
 * <p>{@link io.minewatch.config.ConfigLoader} reads one YAML file, substitutes {@code ${VAR}} and
 * {@code ${VAR:-default}} placeholders from the environment, and validates every key by hand so that
 * each error is one line naming the file, the line and the key path. Unknown keys are errors; every
 * other key has a default and bounds. Secrets (the MQTT password, any value that came from a
 * placeholder, passwords inside camera URLs) never appear in an error message; {@link
 * io.minewatch.config.Redact} masks URL passwords for every module that prints a URL.
 */
package io.minewatch.config;
