package dev.shoplink.shipstation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.Listing;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import java.io.IOException;
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
 * the plugin API. Data binding streams through the document and skips unknown fields without
 * building a tree, which keeps a 500-order page cheap; every field is nullable because ShipStation
 * leaves many of them out or null. Numbers bind straight from the JSON text to
 * {@link BigDecimal}, never through {@code double}.
 */
final class Payloads {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final ObjectReader PRODUCT_LIST = MAPPER.readerFor(ProductList.class);
    private static final ObjectReader PRODUCT = MAPPER.readerFor(Product.class);
    private static final ObjectReader ORDER_LIST = MAPPER.readerFor(OrderList.class);

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

    static ProductList productList(byte[] body, String endpoint) {
        ProductList list = read(PRODUCT_LIST, body, endpoint);
        if (list == null || list.products() == null) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " has no 'products' array");
        }
        return list;
    }

    static Product product(byte[] body, String endpoint) {
        Product product = read(PRODUCT, body, endpoint);
        if (product == null) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " is not a product");
        }
        return product;
    }

    static OrderList orderList(byte[] body, String endpoint) {
        OrderList list = read(ORDER_LIST, body, endpoint);
        if (list == null || list.orders() == null) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " has no 'orders' array");
        }
        return list;
    }

    /** Checks that a body is JSON at all: a wrong base URL tends to answer 200 with a web page. */
    static void requireJson(byte[] body, String endpoint) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint
                    + " is not JSON (is the base URL right?)", e);
        }
        if (json == null || json.isMissingNode()) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " is empty (is the base URL right?)");
        }
    }

    private static <T> T read(ObjectReader reader, byte[] body, String endpoint) {
        if (blank(body)) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " is empty");
        }
        try {
            return reader.readValue(body);
        } catch (JacksonException e) {
            throw malformed(e, body, endpoint);
        } catch (IOException e) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " could not be read", e);
        }
    }

    private static MalformedResponseException malformed(JacksonException e, byte[] body, String endpoint) {
        if (endsEarly(body)) {
            // Jackson's own text for this quotes parser states ("within/between Object entries", "Source: REDACTED …")
            return new MalformedResponseException("ShipStation's answer to " + endpoint + " is cut short: its JSON ends"
                    + " after " + body.length + " bytes, before the document is complete", e);
        }
        if (e instanceof JsonMappingException mapping) {
            return new MalformedResponseException("ShipStation's answer to " + endpoint + " has an unexpected value at '"
                    + path(mapping) + "': " + mapping.getOriginalMessage(), e);
        }
        return new MalformedResponseException("ShipStation's answer to " + endpoint + " is not valid JSON: "
                + e.getOriginalMessage(), e);
    }

    /** Whether the body is JSON that stops before its document is complete (rather than JSON that is wrong). */
    private static boolean endsEarly(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            while (parser.nextToken() != null) {
                // read to the end
            }
            return false;
        } catch (JsonEOFException e) {
            return true;
        } catch (JsonProcessingException e) {
            // e.g. "end-of-input within/between Object entries": a plain parse error, but at the very end
            return e.getLocation() != null && e.getLocation().getByteOffset() >= body.length;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A JSON path like {@code orders[3].items[0].unitPrice}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
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
