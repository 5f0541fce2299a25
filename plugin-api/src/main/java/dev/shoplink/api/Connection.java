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
 * @param baseUrl the shop API's base address: the host's {@code SHOPLINK_<ID>_BASE_URL} override when
 *     set, else {@link ShopConnector#apiBaseUrl(String)} of the integration's shop URL (1.1), which by
 *     default is the descriptor's {@code defaultBaseUrl}
 * @param clock the host's clock
 * @param timeout the timeout for one HTTP request
 * @param shopUrl the integration's shop URL as the user gave it (1.1); empty where none is known
 */
public record Connection(Map<String, String> credentials, URI baseUrl, Clock clock, Duration timeout, String shopUrl) {
    public Connection {
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeout, "timeout");
        shopUrl = shopUrl == null ? "" : shopUrl;
    }

    /** The plugin API 1.0 form, without a shop URL. */
    public Connection(Map<String, String> credentials, URI baseUrl, Clock clock, Duration timeout) {
        this(credentials, baseUrl, clock, timeout, "");
    }

    /** The credential value, or an empty string when absent. */
    public String credential(String name) {
        return credentials.getOrDefault(name, "");
    }

    /** Credentials never show up in logs or exception messages. */
    @Override
    public String toString() {
        return "Connection[baseUrl=" + baseUrl + ", shopUrl=" + shopUrl + ", credentials=" + credentials.keySet()
                + ", timeout=" + timeout + "]";
    }
}
