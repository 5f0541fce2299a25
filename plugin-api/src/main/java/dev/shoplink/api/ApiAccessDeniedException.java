package dev.shoplink.api;

/**
 * The shop knows the credentials but the account may not use the API (e.g. its plan has no API
 * access). Not retryable: the user has to change something in the shop.
 */
public class ApiAccessDeniedException extends ConnectorException {
    public ApiAccessDeniedException(String message) {
        super(message, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
