package dev.shoplink.host.catalog;

import java.util.List;
import java.util.Optional;

/** A product to create, with the variants it starts with (possibly none). */
public record NewProduct(String name, Optional<String> type, Optional<String> profileGroup, Optional<String> notes,
                         List<NewVariant> variants) {
    public NewProduct {
        variants = List.copyOf(variants);
    }
}
