package dev.shoplink.api;

/** A shop's order status normalized to the values the host understands. */
public enum OrderState {
    /** Placed, not paid yet (ShipStation {@code awaiting_payment}). */
    PENDING,
    /** Paid and waiting to be fulfilled ({@code awaiting_shipment}, {@code pending_fulfillment}). */
    PROCESSING,
    /** Fulfilled / shipped. */
    CLOSED,
    /** Cancelled or refunded. */
    CANCELLED,
    /** Put on hold in the shop: the host does not import such orders. */
    ON_HOLD
}
