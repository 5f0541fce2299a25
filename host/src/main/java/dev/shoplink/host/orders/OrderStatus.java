package dev.shoplink.host.orders;

/** The roaster's own status of an imported order. */
public enum OrderStatus {
    /** New from the shop. */
    RECEIVED,
    /** In a fulfillment plan. */
    IN_PROGRESS,
    /** Picked / shipped from the plan. */
    COMPLETED,
    /** Archived manually or when its shop was disconnected. */
    ARCHIVED
}
