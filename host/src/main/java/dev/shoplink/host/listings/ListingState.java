package dev.shoplink.host.listings;

/** Where a listing stands in the mapping workflow. */
public enum ListingState {
    /** Offered to the mapping wizard. */
    NEW,
    /** Linked to a catalog variant. */
    MAPPED,
    /** Deliberately left out; {@code include} brings it back. */
    IGNORED,
    /** Was mapped, the mapping was removed; can be mapped again. */
    UNLINKED;

    /** Still to map: offered by the wizard's suggestions and accepted by its save. */
    public boolean toMap() {
        return this == NEW || this == UNLINKED;
    }
}
