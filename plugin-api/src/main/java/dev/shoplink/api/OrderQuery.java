package dev.shoplink.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which orders to return. The connector converts the instants to whatever its shop expects
 * (ShipStation: Pacific wall-clock time) and returns orders sorted so that paging is stable.
 *
 * @param placedSince only orders placed at or after this instant
 * @param modifiedSince when present, only orders modified at or after this instant (incremental
 *     sync); the result is sorted by modification time, else by order date
 */
public record OrderQuery(Instant placedSince, Optional<Instant> modifiedSince) {
    public OrderQuery {
        Objects.requireNonNull(placedSince, "placedSince");
        Objects.requireNonNull(modifiedSince, "modifiedSince");
    }

    /** Every order placed at or after the instant (first sync). */
    public static OrderQuery placedSince(Instant placedSince) {
        return new OrderQuery(placedSince, Optional.empty());
    }

    /** Orders placed at or after {@code placedSince} and modified at or after {@code modifiedSince}. */
    public static OrderQuery modifiedSince(Instant placedSince, Instant modifiedSince) {
        return new OrderQuery(placedSince, Optional.of(modifiedSince));
    }
}
