package dev.shoplink.host.sync;

import dev.shoplink.api.Listing;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The map stage's listing lookups of one run: for the listings a page of orders names, one query asks which the
 * store holds and whether they are offered for mapping; a listing the store lacks (older than the start date, or
 * never listed) is fetched from the shop and stored at once. Listings settled by an earlier page of the run (stored
 * and offered, or unknown to the shop) are not looked up again.
 */
final class ReferencedListings {
    private final Set<String> settled = new HashSet<>();

    /** What a page's orders need: the stored listings to offer, or empty when the run stopped meanwhile. */
    Optional<List<String>> resolve(Set<String> referenced, Function<Collection<String>, Map<String, Boolean>> offeredByExternalId,
                                   Function<String, Optional<Listing>> fetchFromShop, Predicate<Listing> store) {
        List<String> unsettled = referenced.stream().filter(id -> !settled.contains(id)).toList();
        Map<String, Boolean> known = unsettled.isEmpty() ? Map.of() : offeredByExternalId.apply(unsettled);
        List<String> toOffer = unsettled.stream().filter(id -> Boolean.FALSE.equals(known.get(id))).toList();
        for (String externalId : unsettled) {
            if (!known.containsKey(externalId)) {
                Optional<Listing> fetched = fetchFromShop.apply(externalId);
                if (fetched.isPresent()) {
                    if (!store.test(fetched.get())) {
                        return Optional.empty(); // stopped (a disconnect): no more of the shop's rate limit spent
                    }
                } else {
                    settled.add(externalId);
                }
            }
        }
        return Optional.of(toOffer);
    }

    /** The page that named these listings committed: they are stored and offered now. */
    void settle(Collection<String> externalIds) {
        settled.addAll(externalIds);
    }
}
