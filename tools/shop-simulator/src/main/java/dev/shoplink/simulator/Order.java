package dev.shoplink.simulator;

import java.util.List;

/**
 * A generated order, alive only until it is serialized: the order book keeps pre-serialized JSON plus
 * the few keys it filters and sorts on, which is what keeps 100,000 orders well under a gigabyte.
 * Timestamps are Pacific local milliseconds (see {@link PacificTime}); nullable ones are {@code Long}. The two
 * {@code *AtMillis} are the instants (epoch millis) of {@code orderDate} and {@code modifyDate}, which the
 * Shopify view shows as {@code createdAt} and {@code updatedAt}.
 */
record Order(
        long orderId,
        String orderNumber,
        String orderKey,
        long orderDate,
        long createDate,
        long modifyDate,
        Long paymentDate,
        Long shipByDate,
        OrderStatus status,
        long customerId,
        String customerEmail,
        Address billTo,
        Address shipTo,
        List<Item> items,
        long orderTotalCents,
        long amountPaidCents,
        long taxCents,
        long shippingCents,
        String customerNotes,
        String internalNotes,
        boolean gift,
        String giftMessage,
        String paymentMethod,
        String requestedShippingService,
        String carrierCode,
        String serviceCode,
        String packageCode,
        String confirmation,
        Long shipDate,
        Long holdUntilDate,
        long weightHundredthsOz,
        boolean hasDimensions,
        boolean international,
        long storeId,
        String source,
        String customField1,
        List<Long> tagIds,
        long placedAtMillis,
        long modifiedAtMillis) {

    record Address(
            String name,
            String company,
            String street1,
            String street2,
            String city,
            String state,
            String postalCode,
            String country,
            String phone,
            Boolean residential,
            String addressVerified) {
    }

    /** One order line; {@code productId} is null and {@code adjustment} true for discount lines. */
    record Item(
            long orderItemId,
            String lineItemKey,
            String sku,
            String name,
            String imageUrl,
            long weightHundredthsOz,
            int quantity,
            long unitPriceCents,
            String warehouseLocation,
            String sizeLabel,
            String grindLabel,
            Long productId,
            boolean adjustment,
            String upc,
            long createDate,
            long modifyDate) {
    }
}
