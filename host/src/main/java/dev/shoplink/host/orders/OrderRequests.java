package dev.shoplink.host.orders;

import static dev.shoplink.host.http.RequestBinder.REQUIRED;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** The orders' request bodies as {@link dev.shoplink.host.http.RequestBinder} reads them. */
final class OrderRequests {
    private OrderRequests() {
    }

    /** {@code PATCH /orders/{id}}. */
    record StatusBody(@NotNull(message = REQUIRED) OrderStatus status, Boolean acknowledgeWarnings) {
        StatusUpdate command() {
            return new StatusUpdate(status, Boolean.TRUE.equals(acknowledgeWarnings));
        }
    }

    /**
     * {@code POST /orders/archive}: {@code {"ids": [..]}}, or (no {@code ids}) {@code {"integrationId": 2,
     * "orderedBefore": "2026-11-01"}}, whose fields {@link OrderRoutes} requires then.
     */
    record ArchiveBody(@Size(min = 1, message = "must name at least one order")
                       List<@NotNull(message = "must be a positive order id")
                            @Positive(message = "must be a positive order id") Long> ids,
                       @Positive(message = "must be a positive whole number") Long integrationId,
                       LocalDate orderedBefore) {
    }
}
