package dev.shoplink.host.listings;

import java.util.List;
import java.util.Optional;

/**
 * The mapping wizard's "Save and finish": each row maps one listing to a catalog product (by id, or by name, created
 * when missing) with a unit and grind style. {@code acknowledgeWarnings} saves rows whose unit contradicts the listing.
 */
public record MappingRequest(List<Row> rows, boolean acknowledgeWarnings) {
    public MappingRequest {
        rows = List.copyOf(rows);
    }

    /** One row; errors name it as {@code mappings[i]} by its position in {@link #rows()}. */
    public record Row(long listingId, Optional<Long> productId, Optional<String> productName, String unit,
                      String grindStyle) {
        public Row {
            if (productId.isEmpty() && productName.isEmpty()) {
                throw new IllegalArgumentException("a mapping row names its product by id or by name");
            }
        }
    }
}
