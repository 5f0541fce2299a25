package dev.shoplink.host.listings;

import static dev.shoplink.host.http.RequestBinder.REQUIRED;
import static dev.shoplink.host.http.RequestBinder.TOO_LONG;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The mapping wizard's body as {@link dev.shoplink.host.http.RequestBinder} reads it. What the annotations cannot
 * say (a missing unit names the configured ones, a product needs an id or a name) {@link ListingRoutes} adds.
 */
record MappingBody(@NotNull(message = REQUIRED) List<@NotNull(message = "must be an object") @Valid Row> mappings,
                   Boolean acknowledgeWarnings) {
    static final int PRODUCT_NAME = 500;
    static final int UNIT = 50;
    static final int GRIND_STYLE = 50;

    record Row(@NotNull(message = REQUIRED) @Positive(message = "must be a positive whole number") Long listingId,
               @NotNull(message = "is required: choose a catalog product or type a new product's name") @Valid Product product,
               @Size(max = UNIT, message = TOO_LONG) String unit,
               @Size(max = GRIND_STYLE, message = TOO_LONG) String grindStyle) {
    }

    /** An existing product by id, or one by name (created when missing); a name sent blank is none. */
    record Product(@Positive(message = "must be a positive whole number") Long id,
                   @Size(max = PRODUCT_NAME, message = TOO_LONG) String name) {
        Optional<String> named() {
            return Optional.ofNullable(name).filter(s -> !s.isEmpty());
        }
    }

    MappingRequest command() {
        return new MappingRequest(mappings.stream().map(r -> new MappingRequest.Row(r.listingId(),
                Optional.ofNullable(r.product().id()), r.product().named(), r.unit(), r.grindStyle())).toList(),
                Boolean.TRUE.equals(acknowledgeWarnings));
    }
}
