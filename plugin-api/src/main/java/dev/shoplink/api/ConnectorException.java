package dev.shoplink.api;

/**
 * The failures a host understands. Connectors throw the subtypes; messages are shown to users,
 * so they say what happened in the shop's words and never contain credentials.
 */
public abstract class ConnectorException extends RuntimeException {
    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying again later may succeed. */
    public abstract boolean retryable();
}
