package dev.shoplink.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One page of results.
 *
 * @param items the page's items, possibly empty
 * @param next where the next page starts; empty on the last page
 * @param totalItems the total number of matching items when the shop reports it
 * @param totalPages the total number of pages when the shop reports it
 */
public record Page<T>(List<T> items, Optional<Cursor> next, OptionalLong totalItems, OptionalInt totalPages) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(totalItems, "totalItems");
        Objects.requireNonNull(totalPages, "totalPages");
    }

    /** A final page without totals. */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty(), OptionalLong.empty(), OptionalInt.empty());
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return next.isPresent();
    }
}
