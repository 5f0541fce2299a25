package dev.shoplink.host.plugins;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an exception of a plugin's connector becomes when it leaves the {@link GuardedConnector}: the plugin API's
 * {@link ConnectorException} subtypes pass through, one of the plugin's own subclasses becomes the API type it
 * extends, anything else a {@link ConnectorFailureException}; every credential value of the call's
 * {@link Connection} is replaced by {@code ***} in the message, so no secret reaches a response or a log.
 */
final class ConnectorExceptions {
    private static final String MASK = "***";

    private ConnectorExceptions() {
    }

    /** The exception the caller sees for what the connector {@code id} threw. */
    static RuntimeException translate(String id, Throwable thrown, Connection connection) {
        if (thrown instanceof VirtualMachineError error) {
            throw error;
        }
        if (thrown instanceof ConnectorException known && isApiType(known)
                && (known.getMessage() == null || redact(known.getMessage(), connection).equals(known.getMessage()))) {
            return known;
        }
        String message = redact(messageOf(thrown), connection);
        RuntimeException safe;
        if (thrown instanceof RateLimitedException limited) {
            safe = new RateLimitedException(message, limited.retryAfter());
        } else if (thrown instanceof InvalidCredentialsException invalid) {
            // the field it names (plugin API 1.1) points the host's 422 at one input; it is a name, not a value
            safe = new InvalidCredentialsException(message, invalid.field().map(f -> redact(f, connection)).orElse(null));
        } else if (thrown instanceof ApiAccessDeniedException) {
            safe = new ApiAccessDeniedException(message);
        } else if (thrown instanceof ShopUnavailableException) {
            safe = new ShopUnavailableException(message);
        } else if (thrown instanceof MalformedResponseException) {
            safe = new MalformedResponseException(message);
        } else if (thrown instanceof ConnectorException other && other.retryable()) {
            safe = new ShopUnavailableException(message);
        } else {
            safe = new ConnectorFailureException(id, message);
        }
        // where the connector failed stays visible in the log; its message and cause (which may quote secrets) do not
        safe.setStackTrace(thrown.getStackTrace());
        return safe;
    }

    private static boolean isApiType(ConnectorException e) {
        Class<?> type = e.getClass();
        return type == RateLimitedException.class || type == InvalidCredentialsException.class
                || type == ApiAccessDeniedException.class || type == ShopUnavailableException.class
                || type == MalformedResponseException.class;
    }

    /** The exception's message, or a phrase naming its type when it has none. */
    static String messageOf(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "it threw " + t.getClass().getSimpleName() + " without a message";
        }
        return message;
    }

    /** The text with every credential value of the connection (also URL-encoded) replaced by {@code ***}. */
    static String redact(String text, Connection connection) {
        if (text == null || connection == null) {
            return text;
        }
        List<String> values = connection.credentials().values().stream()
                .filter(v -> v != null && !v.isBlank())
                .flatMap(v -> Stream.of(v, URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        String out = text;
        for (String value : values) {
            out = out.replace(value, MASK);
        }
        return out;
    }
}
