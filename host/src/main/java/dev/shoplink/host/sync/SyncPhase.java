package dev.shoplink.host.sync;

/** The part of a run in progress; a run of scope ALL goes PRODUCTS → ORDERS → DONE. */
public enum SyncPhase {
    PRODUCTS,
    ORDERS,
    DONE
}
