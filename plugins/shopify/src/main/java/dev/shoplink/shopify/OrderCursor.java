package dev.shoplink.shopify;

import dev.shoplink.api.Cursor;
import java.util.List;

/** Where an order read stands: after Shopify's orders cursor {@code after} (null: from the start). */
record OrderCursor(String after) {
    private static final String PREFIX = "orders:";

    static OrderCursor of(Cursor cursor) {
        if (cursor.isStart()) {
            return new OrderCursor(null);
        }
        List<String> parts = CursorText.split(cursor.value(), PREFIX, 1);
        if (parts == null || parts.get(0) == null) {
            throw new IllegalArgumentException("not a Shopify order cursor: " + cursor.value());
        }
        return new OrderCursor(parts.get(0));
    }

    Cursor cursor() {
        return Cursor.of(CursorText.join(PREFIX, after));
    }
}
