package dev.shoplink.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A shop connector: the one extension point of Shoplink. Annotate the implementation with
 * {@code @org.pf4j.Extension}; the host finds it through PF4J.
 *
 * <p>A connector only talks to its shop. It is stateless between calls: everything it needs
 * arrives in the {@link Connection}, and paging state travels in the opaque {@link Cursor} it
 * returns. The host stores cursors, runs the calls on background threads, obeys
 * {@link RateLimitedException} and retries {@link ShopUnavailableException}.
 *
 * <p>Every method may throw the {@link ConnectorException} subtypes; anything else is treated as
 * a bug in the connector and fails the sync with the exception's message (every credential value
 * of the call's {@link Connection} replaced by {@code ***}). A call that has not returned within
 * the host's per-call limit (minutes, far longer than {@link Connection#timeout()}) is interrupted
 * and treated as {@link ShopUnavailableException}.
 */
public interface ShopConnector extends ExtensionPoint {

    /** Who this connector is and which credential fields its setup form needs. */
    ConnectorDescriptor descriptor();

    /**
     * Checks the credentials with one cheap authenticated call.
     *
     * @throws InvalidCredentialsException the shop rejected the key/secret
     * @throws ApiAccessDeniedException the credentials are known but the account may not use the API
     * @throws ShopUnavailableException the shop could not be reached, timed out or answered 5xx
     */
    void validate(Connection connection);

    /**
     * One page of listings (sellable variants). Start with {@link Cursor#start()}; continue with
     * {@link Page#next()} until it is empty. Listings without a name are returned, never dropped.
     */
    Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor);

    /**
     * One listing fetched directly, used when an order names a listing the host has never seen.
     * Empty when the shop does not know the id.
     */
    Optional<Listing> listing(Connection connection, String externalId);

    /** One page of orders matching the query, in a stable order; same paging rules as listings. */
    Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor);
}
