package dev.shoplink.api;

/** The shop answered with something the connector cannot read; the message names what was wrong. Not retryable. */
public class MalformedResponseException extends ConnectorException {
    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedResponseException(String message) {
        super(message, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
