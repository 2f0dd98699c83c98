package io.minewatch.server.registry;

import static io.minewatch.server.registry.RegistryJson.object;
import static io.minewatch.server.registry.RegistryJson.parse;
import static io.minewatch.server.registry.RegistryJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.ConfigException;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.Redact;
import io.minewatch.config.RegistryBinder;
import java.util.Map;

/**
 * Binds the registry entries that carry a secret (a camera's credentials, an official's secret) through the
 * YAML loader's binders: the secret never enters the entry's text, it reaches the binder as a placeholder's
 * value, and is sealed ({@link CredentialSeal}) when stored.
 */
final class SealedBinding {
    private static final String SECRET_VAR = "MINEWATCH_REGISTRY_SECRET";

    private final CredentialSeal seal;

    SealedBinding(CredentialSeal seal) {
        this.seal = seal;
    }

    /** A camera entry with its credentials put into the detect URL through a placeholder. */
    CameraConfig camera(String text, CameraEntries.Credentials creds, MinewatchConfig c, String replacing)
            throws ConfigException {
        ObjectNode entry = object(parse(text));
        String detect = CameraEntries.text(entry, "detect");
        Map<String, String> env = Map.of();
        if (detect != null && creds != null && creds.any()) {
            env = Map.of(CameraEntries.URL_VAR, CameraEntries.withCredentials(detect, creds));
            entry.put("detect", "${" + CameraEntries.URL_VAR + "}");
        }
        return RegistryBinder.camera(write(entry), env, c, replacing);
    }

    /** A stored official with its sealed secret opened. */
    OfficialConfig official(RegistryStore.Entry e, MinewatchConfig c) throws ConfigException {
        return official(e.body(), e.sealed() == null ? null : seal.open(e.sealed()), c, null);
    }

    /** An official entry with its secret given through a placeholder. */
    static OfficialConfig official(String text, String secret, MinewatchConfig c, String replacing)
            throws ConfigException {
        ObjectNode entry = object(parse(text));
        Map<String, String> env = Map.of();
        if (secret != null) {
            entry.put("secret", "${" + SECRET_VAR + "}");
            env = Map.of(SECRET_VAR, secret);
        }
        return RegistryBinder.official(write(entry), env, c, replacing);
    }

    /** A stored camera's credentials (none when it has no sealed part). */
    CameraEntries.Credentials credentials(RegistryStore.Entry e) {
        if (e.sealed() == null) {
            return new CameraEntries.Credentials(null, null);
        }
        JsonNode n = parse(seal.open(e.sealed()));
        String pass = CameraEntries.text(n, "password");
        Redact.remember(pass);
        return new CameraEntries.Credentials(CameraEntries.text(n, "username"), pass);
    }

    /** Camera credentials sealed for the store. */
    String seal(CameraEntries.Credentials c) {
        ObjectNode o = RegistryJson.JSON.createObjectNode();
        o.put("username", c.user());
        o.put("password", c.password());
        return seal.seal(write(o));
    }
}
