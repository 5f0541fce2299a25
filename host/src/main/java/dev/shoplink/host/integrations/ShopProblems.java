package dev.shoplink.host.integrations;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.ShopCallException;
import dev.shoplink.host.plugins.ConnectorEntry;
import java.util.List;
import java.util.Optional;

/** A connector's exception while a request waits for the shop, as the request's refusal ({@link ShopCallException}). */
public final class ShopProblems {
    private ShopProblems() {
    }

    /** A connector's exception during a credential check (or a shop URL's check), as the request's refusal. */
    static ShopCallException ofCheck(ConnectorEntry connector, RuntimeException failure) {
        return of(connector, failure, "check the credentials");
    }

    /**
     * A connector's exception while a request waits for the shop, as the request's refusal: rejected keys or API
     * access (the request's fault), a rate limit (try later), an outage, a bad answer or a failing connector.
     *
     * @param doing what the host was doing, e.g. "read its listings", for the detail
     */
    public static ShopCallException of(ConnectorEntry connector, RuntimeException failure, String doing) {
        String shop = connector.descriptor().name();
        if (failure instanceof InvalidCredentialsException e) {
            return new ShopCallException(ShopCallException.Kind.CREDENTIALS_REJECTED,
                    shop + " rejected the credentials: " + e.getMessage(), rejectedFields(connector.descriptor(), e));
        } else if (failure instanceof ApiAccessDeniedException e) {
            return new ShopCallException(ShopCallException.Kind.ACCESS_DENIED, e.getMessage());
        } else if (failure instanceof RateLimitedException e) {
            return new ShopCallException(ShopCallException.Kind.RATE_LIMITED,
                    shop + " asks to wait " + e.retryAfter().toSeconds() + " s before the next request; try again then");
        } else if (failure instanceof ShopUnavailableException e) {
            return new ShopCallException(ShopCallException.Kind.UNAVAILABLE,
                    shop + " could not be reached to " + doing + ": " + e.getMessage());
        } else if (failure instanceof MalformedResponseException e) {
            return new ShopCallException(ShopCallException.Kind.BAD_RESPONSE,
                    shop + " answered something the connector cannot read: " + e.getMessage());
        }
        // ConnectorFailureException, and a ConnectorException of another kind (the guard turns those into the above)
        return new ShopCallException(ShopCallException.Kind.CONNECTOR_FAILED,
                shop + " could not " + doing + ": " + failure.getMessage());
    }

    /**
     * The fields a rejection points at: the one the connector named (plugin API 1.1), with its message,
     * when it is {@code shopUrl} or a field of the form; else every secret field.
     */
    static List<FieldError> rejectedFields(ConnectorDescriptor descriptor, InvalidCredentialsException e) {
        String shop = descriptor.name();
        Optional<String> named = e.field();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "rejected by " + shop : e.getMessage();
        if (named.isPresent() && named.get().equals(InvalidCredentialsException.SHOP_URL)) {
            return List.of(new FieldError("shopUrl", message));
        }
        if (named.isPresent() && descriptor.credentialFields().stream().anyMatch(f -> f.name().equals(named.get()))) {
            return List.of(new FieldError("credentials." + named.get(), message));
        }
        return descriptor.credentialFields().stream().filter(CredentialField::secret)
                .map(f -> new FieldError("credentials." + f.name(), "rejected by " + shop)).toList();
    }
}
