package dev.shoplink.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a connector needs for one call: decrypted credentials, the API address, a clock
 * (use it instead of {@code Instant.now()} so tests can fix time) and the HTTP timeout.
 *
 * @param credentials the credential form's values by {@link CredentialField#name()}
 * @param baseUrl the shop API's base address (the descriptor's default unless overridden)
 * @param clock the host's clock
 * @param timeout the timeout for one HTTP request
 */
public record Connection(Map<String, String> credentials, URI baseUrl, Clock clock, Duration timeout) {
    public Connection {
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The credential value, or an empty string when absent. */
    public String credential(String name) {
        return credentials.getOrDefault(name, "");
    }

    /** Credentials never show up in logs or exception messages. */
    @Override
    public String toString() {
        return "Connection[baseUrl=" + baseUrl + ", credentials=" + credentials.keySet() + ", timeout=" + timeout + "]";
    }
}
