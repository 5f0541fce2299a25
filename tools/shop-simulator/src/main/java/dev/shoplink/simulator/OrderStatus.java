package dev.shoplink.simulator;

import java.util.Locale;

/** ShipStation's {@code orderStatus} values, including the two newer fulfillment states. */
enum OrderStatus {
    AWAITING_PAYMENT,
    AWAITING_SHIPMENT,
    PENDING_FULFILLMENT,
    SHIPPED,
    ON_HOLD,
    CANCELLED,
    REJECTED_FULFILLMENT;

    private static final OrderStatus[] VALUES = values();

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OrderStatus fromWire(String value) {
        for (OrderStatus status : VALUES) {
            if (status.wireName().equalsIgnoreCase(value.trim())) {
                return status;
            }
        }
        throw new BadRequestException("orderStatus must be one of awaiting_payment, awaiting_shipment, "
                + "pending_fulfillment, shipped, on_hold, cancelled, rejected_fulfillment: " + value);
    }

    static OrderStatus byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
