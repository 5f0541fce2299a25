package dev.shoplink.host.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An order as the admin API shows it. */
public record OrderView(
        long id,
        String tag,
        long integrationId,
        String shop,
        String customerType,
        String externalRef,
        String externalStatus,
        String externalState,
        OrderStatus status,
        Instant orderDate,
        Customer customer,
        List<Item> items,
        int unmappedItems) {

    /** Who ordered and where it ships. */
    public record Customer(String name, String email, String country, String address, String city, String state,
                           String postalCode, String phone) {
    }

    /** One line; {@code variantId} is the catalog variant it resolves to, by mapping or by SKU. */
    public record Item(String sku, String name, int quantity, String unitPrice, Optional<Long> variantId, boolean mapped) {
    }
}
