package dev.shoplink.api;

/**
 * The shop rejected the credentials (wrong, revoked or regenerated keys). Not retryable.
 *
 * <p>Since plugin API 1.1 the rejection may name the one field that is wrong — a credential
 * field's name, or {@code shopUrl} for the integration's shop address (e.g. "this token belongs to
 * another shop", "use the shop's myshopify.com address") — so the host's 422 points at that input
 * instead of at every secret field.
 */
public class InvalidCredentialsException extends ConnectorException {
    /** The name the host uses for the integration's shop URL in {@link #field()}. */
    public static final String SHOP_URL = "shopUrl";

    private final String field;

    public InvalidCredentialsException(String message) {
        this(message, (String) null);
    }

    /** A rejection of one field: a credential field's name or {@link #SHOP_URL} (1.1). */
    public InvalidCredentialsException(String message, String field) {
        super(message, null);
        this.field = field;
    }

    /** The field the shop rejected, when the connector could tell (1.1). */
    public java.util.Optional<String> field() {
        return java.util.Optional.ofNullable(field);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
