package dev.shoplink.host.catalog;

import java.util.List;
import java.util.Optional;

/** A product of the roaster's catalog with its variants (one SKU each). */
public record Product(long id, String name, Optional<String> type, Optional<String> profileGroup, Optional<String> notes,
                      List<Variant> variants) {
}
