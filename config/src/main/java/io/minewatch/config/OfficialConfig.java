package io.minewatch.config;

/**
 * A person who receives alerts on a phone and acknowledges them.
 *
 * @param secret the official's MQTT password on the embedded broker (use {@code ${ENV}}); null: the
 *               official cannot log in there. Never logged (see {@link #toString()})
 * @param role   {@value #ROLE_OFFICIAL} (reads only its own topics) or {@value #ROLE_COMMAND}
 *               (command centre: reads everything)
 */
public record OfficialConfig(String id, String name, String township, String secret, String role) {

    /** An official: reads {@code officials/<self>/#}, acknowledges alerts routed to it. */
    public static final String ROLE_OFFICIAL = "official";
    /** The command centre: reads every topic. */
    public static final String ROLE_COMMAND = "command";

    public OfficialConfig {
        role = role == null ? ROLE_OFFICIAL : role;
    }

    /** An official without a broker secret. */
    public OfficialConfig(String id, String name, String township) {
        this(id, name, township, null, ROLE_OFFICIAL);
    }

    /** True for the command-centre role. */
    public boolean command() {
        return ROLE_COMMAND.equals(role);
    }

    @Override
    public String toString() {
        return "OfficialConfig[id=" + id + ", name=" + name + ", township=" + township
                + ", secret=" + (secret == null ? "null" : Redact.MASK) + ", role=" + role + "]";
    }
}
