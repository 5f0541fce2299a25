package dev.shoplink.host.catalog;

import java.util.Optional;

/**
 * A change to a product's fields. The name, when present, replaces it. For the optional fields the outer
 * {@code Optional} says whether the field changes at all, the inner one its new value: {@code Optional.of(Optional.empty())}
 * clears it, {@code Optional.empty()} leaves it as it is.
 */
public record ProductChange(Optional<String> name, Optional<Optional<String>> type,
                            Optional<Optional<String>> profileGroup, Optional<Optional<String>> notes) {
}
