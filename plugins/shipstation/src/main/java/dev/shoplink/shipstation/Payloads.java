package dev.shoplink.shipstation;

import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.Listing;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * ShipStation's JSON as records holding just the fields the connector reads, and their mapping to
 * the plugin API. {@link PayloadReader} binds answers to them; every field is nullable because
 * ShipStation leaves many of them out or null, and numbers are {@link BigDecimal}, never {@code double}.
 */
final class Payloads {
    private Payloads() {
    }

    /** {@code GET /products}: {@code {products, total, page, pages}}. */
    record ProductList(List<Product> products, Long total, Integer page, Integer pages) {
    }

    /** {@code GET /orders}: {@code {orders, total, page, pages}}. */
    record OrderList(List<Order> orders, Long total, Integer page, Integer pages) {
    }

    /** A ShipStation product: one SKU, so one listing. */
    record Product(Long productId, String sku, String name, BigDecimal price, Boolean active, String createDate, String modifyDate) {

        Listing toListing(String endpoint) {
            if (productId == null) {
                throw missing("productId", "a product", endpoint);
            }
            String what = "product " + productId;
            Optional<Instant> created = optionalInstant(createDate, "createDate", what, endpoint);
            Optional<Instant> modified = optionalInstant(modifyDate, "modifyDate", what, endpoint);
            // a product without dates is still a product; EPOCH keeps it out of "created since"
            // windows until an order brings it in
            Instant createdAt = created.or(() -> modified).orElse(Instant.EPOCH);
            return new Listing(
                    productId.toString(),
                    sku,
                    name,
                    "",
                    "",
                    Optional.ofNullable(price),
                    active == null || active,
                    createdAt,
                    modified.orElse(createdAt));
        }
    }

    /** A ShipStation order with the fields the host keeps. */
    record Order(
            Long orderId,
            String orderNumber,
            String orderDate,
            String createDate,
            String modifyDate,
            String orderStatus,
            String customerEmail,
            ShipTo shipTo,
            List<Item> items) {

        ShopOrder toShopOrder(String endpoint) {
            if (orderId == null) {
                throw missing("orderId", "an order", endpoint);
            }
            String what = "order " + orderId;
            if (orderDate == null || orderDate.isBlank()) {
                throw missing("orderDate", what, endpoint);
            }
            Instant placedAt = instant(orderDate, "orderDate", what, endpoint);
            Instant modifiedAt = optionalInstant(modifyDate, "modifyDate", what, endpoint)
                    .or(() -> optionalInstant(createDate, "createDate", what, endpoint))
                    .orElse(placedAt);
            return new ShopOrder(
                    orderId.toString(),
                    orderNumber,
                    placedAt,
                    modifiedAt,
                    orderStatus,
                    state(orderStatus),
                    customer(),
                    lines());
        }

        private Customer customer() {
            if (shipTo == null) {
                return new Customer("", customerEmail, Address.unknown());
            }
            return new Customer(shipTo.name(), customerEmail, shipTo.toAddress());
        }

        private List<OrderLine> lines() {
            if (items == null) {
                return List.of();
            }
            List<OrderLine> lines = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                // discounts and other adjustments are not products
                if (item == null || Boolean.TRUE.equals(item.adjustment())) {
                    continue;
                }
                lines.add(item.toOrderLine(i));
            }
            return lines;
        }
    }

    /** An order's ship-to address. */
    record ShipTo(String name, String street1, String street2, String street3, String city, String state,
                  String postalCode, String country, String phone) {

        Address toAddress() {
            String street = Stream.of(street1, street2, street3)
                    .filter(line -> line != null && !line.isBlank())
                    .map(String::strip)
                    .collect(Collectors.joining(", "));
            return new Address(street, city, state, postalCode, country, phone);
        }
    }

    /** One entry of an order's {@code items}. */
    record Item(Long orderItemId, String lineItemKey, Long productId, String sku, String name, Integer quantity,
                BigDecimal unitPrice, Boolean adjustment) {

        OrderLine toOrderLine(int position) {
            return new OrderLine(
                    lineId(position),
                    productId == null ? "" : productId.toString(),
                    sku,
                    name,
                    quantity == null ? 0 : quantity,
                    unitPrice == null ? BigDecimal.ZERO : unitPrice);
        }

        /** ShipStation's item id, else the channel's line key, else the position, which is stable per order. */
        private String lineId(int position) {
            if (orderItemId != null) {
                return orderItemId.toString();
            }
            if (lineItemKey != null && !lineItemKey.isBlank()) {
                return lineItemKey;
            }
            return "position-" + (position + 1);
        }
    }

    /**
     * ShipStation's status normalized. An unknown status maps to {@link OrderState#PROCESSING}: the
     * raw value is kept next to it, and importing a real order under a vague state is better than
     * hiding it as it would be under {@link OrderState#ON_HOLD}.
     */
    static OrderState state(String orderStatus) {
        if (orderStatus == null) {
            return OrderState.PROCESSING;
        }
        return switch (orderStatus.strip().toLowerCase(Locale.ROOT)) {
            case "awaiting_payment" -> OrderState.PENDING;
            case "awaiting_shipment", "pending_fulfillment" -> OrderState.PROCESSING;
            case "shipped" -> OrderState.CLOSED;
            case "cancelled", "rejected_fulfillment" -> OrderState.CANCELLED;
            case "on_hold" -> OrderState.ON_HOLD;
            default -> OrderState.PROCESSING;
        };
    }

    private static Instant instant(String text, String field, String what, String endpoint) {
        try {
            return PacificTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + ": " + what + " has '" + field
                    + "' = \"" + text + "\", which is not a ShipStation timestamp", e);
        }
    }

    private static Optional<Instant> optionalInstant(String text, String field, String what, String endpoint) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(instant(text, field, what, endpoint));
    }

    private static MalformedResponseException missing(String field, String what, String endpoint) {
        return new MalformedResponseException("ShipStation's answer to " + endpoint + ": " + what + " has no '" + field + "'");
    }
}
