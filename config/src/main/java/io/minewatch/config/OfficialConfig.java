package io.minewatch.config;

/** A person who receives alerts on a phone and acknowledges them. */
public record OfficialConfig(String id, String name, String township) {
}
