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
     * The API address for an integration's shop URL (plugin API 1.1), for shops whose API lives on
     * each shop's own host (Shopify: {@code https://<shop>.myshopify.com}). The host calls it when it
     * builds a {@link Connection}, unless its {@code SHOPLINK_<ID>_BASE_URL} override is set. Throw
     * {@link InvalidCredentialsException} with field {@link InvalidCredentialsException#SHOP_URL}
     * for a shop URL the connector cannot use, saying which form it needs.
     *
     * @param shopUrl the integration's shop URL as the user gave it
     * @return by default the descriptor's {@code defaultBaseUrl}, whatever the shop URL
     */
    default java.net.URI apiBaseUrl(String shopUrl) {
        return descriptor().defaultBaseUrl();
    }

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
