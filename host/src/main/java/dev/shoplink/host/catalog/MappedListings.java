package dev.shoplink.host.catalog;

import org.jdbi.v3.core.Handle;

/**
 * The listings mapped to catalog variants, as the catalog needs them when it deletes: a port implemented by the
 * {@code listing} table's owner ({@code listings.ListingRepository}) and called with the catalog's {@link Handle},
 * inside its transaction. A port, not a call into listings: listings depends on the catalog.
 */
public interface MappedListings {
    /** Listings mapped to the variant become {@code UNLINKED}; how many. */
    int unlinkVariant(Handle h, long variantId);

    /** Listings mapped to any variant of the product become {@code UNLINKED}; how many. */
    int unlinkVariantsOfProduct(Handle h, long productId);
}
