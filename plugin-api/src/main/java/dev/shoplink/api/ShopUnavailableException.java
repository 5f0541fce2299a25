package dev.shoplink.api;

/** The shop could not be reached, timed out or answered with a server error. Retryable. */
public class ShopUnavailableException extends ConnectorException {
    public ShopUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ShopUnavailableException(String message) {
        super(message, null);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
