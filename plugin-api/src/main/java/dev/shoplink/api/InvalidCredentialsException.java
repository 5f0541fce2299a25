package dev.shoplink.api;

/** The shop rejected the credentials (wrong, revoked or regenerated keys). Not retryable. */
public class InvalidCredentialsException extends ConnectorException {
    public InvalidCredentialsException(String message) {
        super(message, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
