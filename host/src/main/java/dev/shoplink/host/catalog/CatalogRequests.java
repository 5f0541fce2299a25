package dev.shoplink.host.catalog;

import static dev.shoplink.host.http.RequestBinder.EMPTY;
import static dev.shoplink.host.http.RequestBinder.REQUIRED;
import static dev.shoplink.host.http.RequestBinder.TOO_LONG;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's request bodies as {@link dev.shoplink.host.http.RequestBinder} reads them, with their shape rules
 * (required, length); the catalog's own rules (known units, unique SKUs) are the service's. Each makes its command.
 */
final class CatalogRequests {
    static final int NAME = 500;
    static final int TYPE = 100;
    static final int PROFILE_GROUP = 200;
    static final int NOTES = 4000;
    static final int SKU = 255;
    static final int UNIT = 50;
    static final int GRIND_STYLE = 50;

    private CatalogRequests() {
    }

    /** {@code POST /products}. Optional texts sent blank are left out. */
    record NewProductBody(
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = NAME, message = TOO_LONG) String name,
            @Size(max = TYPE, message = TOO_LONG) String type,
            @Size(max = PROFILE_GROUP, message = TOO_LONG) String profileGroup,
            @Size(max = NOTES, message = TOO_LONG) String notes,
            List<@NotNull(message = "must be an object") @Valid NewVariantBody> variants) {
        NewProduct command() {
            return new NewProduct(name, text(type), text(profileGroup), text(notes),
                    variants == null ? List.of() : variants.stream().map(NewVariantBody::command).toList());
        }
    }

    /**
     * {@code PATCH /products/{id}}: a field left out ({@code null} here) stays as it is; sent as null or "" clears
     * it. The name can change but not be cleared: null is "leave it", "" is refused.
     */
    record ProductChangeBody(
            Optional<@Size(min = 1, message = EMPTY) @Size(max = NAME, message = TOO_LONG) String> name,
            Optional<@Size(max = TYPE, message = TOO_LONG) String> type,
            Optional<@Size(max = PROFILE_GROUP, message = TOO_LONG) String> profileGroup,
            Optional<@Size(max = NOTES, message = TOO_LONG) String> notes) {
        ProductChange command() {
            return new ProductChange(name == null ? Optional.empty() : name, change(type), change(profileGroup),
                    change(notes));
        }

        private static Optional<Optional<String>> change(Optional<String> sent) {
            return sent == null ? Optional.empty() : Optional.of(sent.filter(s -> !s.isEmpty()));
        }
    }

    /** {@code POST /products/{id}/variants}, and each of a new product's {@code variants}. */
    record NewVariantBody(
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = SKU, message = TOO_LONG) String sku,
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = UNIT, message = TOO_LONG) String unit,
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = GRIND_STYLE, message = TOO_LONG)
            String grindStyle) {
        NewVariant command() {
            return new NewVariant(sku, unit, grindStyle);
        }
    }

    /** {@code PATCH /products/{id}/variants/{variantId}}: unit and grind style may change, never the SKU. */
    record VariantChangeBody(
            @Size(min = 1, message = EMPTY) @Size(max = UNIT, message = TOO_LONG) String unit,
            @Size(min = 1, message = EMPTY) @Size(max = GRIND_STYLE, message = TOO_LONG) String grindStyle,
            @Null(message = "a variant's SKU cannot change: add a variant with the new SKU and delete this one") Object sku) {
        VariantChange command() {
            return new VariantChange(Optional.ofNullable(unit), Optional.ofNullable(grindStyle));
        }
    }

    /** A text sent blank is one not sent. */
    static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(s -> !s.isEmpty());
    }
}
