package dev.shoplink.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One order as the shop reports it.
 *
 * @param externalId the shop's id of the order, unique within one shop
 * @param orderNumber the number the customer sees (ShipStation {@code orderNumber})
 * @param placedAt when the customer placed it
 * @param modifiedAt when it last changed in the shop
 * @param status the shop's own status value, verbatim (e.g. {@code awaiting_shipment})
 * @param state the status normalized by the connector
 * @param customer who ordered and where it ships
 * @param lines the product lines (discount/adjustment lines are left out)
 */
public record ShopOrder(
        String externalId,
        String orderNumber,
        Instant placedAt,
        Instant modifiedAt,
        String status,
        OrderState state,
        Customer customer,
        List<OrderLine> lines) {
    public ShopOrder {
        Objects.requireNonNull(externalId, "externalId");
        orderNumber = orderNumber == null ? "" : orderNumber;
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        status = status == null ? "" : status;
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(customer, "customer");
        lines = List.copyOf(lines);
    }
}
