package dev.shoplink.host.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order as the admin API shows it. {@code attention}: the shop's state contradicts the roaster's status (see
 * {@link ShopStateRule}); {@code history}: the status changes, oldest first (filled by {@code GET /orders/{id}} only).
 */
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
        int unmappedItems,
        String total,
        Optional<ShopStateRule> attention,
        Optional<String> attentionDetail,
        List<StatusChange> history) {

    /** The roaster's tag of a stored order: {@code OR-} and its id, the name the roaster's team uses for it. */
    public static String tagOf(long id) {
        return "OR-" + id;
    }

    /** The same order with its history of status changes. */
    public OrderView withHistory(List<StatusChange> changes) {
        return new OrderView(id, tag, integrationId, shop, customerType, externalRef, externalStatus, externalState, status,
                orderDate, customer, items, unmappedItems, total, attention, attentionDetail, changes);
    }

    /** Who ordered and where it ships. */
    public record Customer(String name, String email, String country, String address, String city, String state,
                           String postalCode, String phone) {
    }

    /**
     * One line; {@code variantId} is the catalog variant it resolves to, by mapping or by SKU, {@code product} what
     * that variant is, {@code unresolved} why the line resolves to none.
     */
    public record Item(String sku, String name, int quantity, String unitPrice, String lineTotal, Optional<Long> variantId,
                       boolean mapped, Optional<Resolved> product, Optional<String> unresolved) {
    }

    /** The catalog product, unit and grind style a line resolved to, and how ("mapping" or "SKU"). */
    public record Resolved(long productId, String productName, String sku, String unit, String grindStyle, String via) {
    }

    /** One change of the roaster's status ({@code from} empty: the import). */
    public record StatusChange(Optional<OrderStatus> from, OrderStatus to, String reason, boolean acknowledged, Instant at) {
    }
}
