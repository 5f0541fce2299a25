package dev.shoplink.shopify;

import dev.shoplink.api.Cursor;
import java.util.List;
import java.util.Optional;

/**
 * Where a listing read stands: after the products cursor {@code productsAfter} (null: from the
 * start), and — while one product's variants are read on — that product's id, the variants cursor,
 * and whether products follow it.
 */
record ListingCursor(String productsAfter, String pendingProduct, String variantsAfter, boolean moreProducts) {
    private static final String PREFIX = "products:";

    static ListingCursor of(Cursor cursor) {
        if (cursor.isStart()) {
            return new ListingCursor(null, null, null, true);
        }
        List<String> parts = CursorText.split(cursor.value(), PREFIX, 4);
        if (parts == null || !(parts.get(3).equals("more") || parts.get(3).equals("last"))) {
            throw new IllegalArgumentException("not a Shopify listing cursor: " + cursor.value());
        }
        return new ListingCursor(parts.get(0), parts.get(1), parts.get(2), parts.get(3).equals("more"));
    }

    ListingCursor withVariantsAfter(String after) {
        return new ListingCursor(productsAfter, pendingProduct, after, moreProducts);
    }

    /** Where the read goes on once the pending product is done. */
    Optional<Cursor> afterPending() {
        return moreProducts ? Optional.of(new ListingCursor(productsAfter, null, null, true).cursor()) : Optional.empty();
    }

    Cursor cursor() {
        return Cursor.of(CursorText.join(PREFIX, productsAfter, pendingProduct, variantsAfter, moreProducts ? "more" : "last"));
    }
}
