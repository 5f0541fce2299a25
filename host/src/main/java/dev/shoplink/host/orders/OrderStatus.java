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
    ARCHIVED;

    /**
     * The moves a PATCH may make: into and out of a fulfillment plan, and on to completed. Archiving
     * has its own call (it is the roaster's "put away"), and an archived or completed order stays so.
     */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case RECEIVED -> next == IN_PROGRESS || next == COMPLETED;
            case IN_PROGRESS -> next == RECEIVED || next == COMPLETED;
            case COMPLETED, ARCHIVED -> false;
        };
    }
}
