package dev.shoplink.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Which listings to return.
 *
 * @param createdSince only listings created at or after this instant ({@link Instant#EPOCH} for all)
 * @param includeInactive whether inactive (hidden, archived) listings are returned too
 */
public record ListingQuery(Instant createdSince, boolean includeInactive) {
    public ListingQuery {
        Objects.requireNonNull(createdSince, "createdSince");
    }

    /** Every listing the shop has, active or not: what a full product sync asks for. */
    public static ListingQuery everything() {
        return new ListingQuery(Instant.EPOCH, true);
    }
}
