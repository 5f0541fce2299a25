package dev.shoplink.host.sync;

/** What a sync fetches: products, orders, or products then orders. */
public enum SyncScope {
    PRODUCTS,
    ORDERS,
    ALL
}
