package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.Listing;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Shopify's GraphQL objects mapped to the plugin API. Ids are Shopify's global ids
 * ({@code gid://shopify/ProductVariant/808950810}); the records carry their numeric part, the same
 * id the REST API and the admin's URLs use, so a listing and an order line name a variant the same
 * way. Money arrives as decimal strings and is read as {@link BigDecimal}; times are ISO-8601.
 */
final class Payloads {
    /** Shopify's title of the one variant of a product without options. */
    static final String DEFAULT_VARIANT_TITLE = "Default Title";

    private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z]+)/(\\d{1,19})(?:\\?.*)?");

    private Payloads() {
    }

    /** The numeric id of a global id of the given type. */
    static String numericId(JsonNode id, String type, String where, String what) {
        if (!id.isTextual()) {
            throw missingField("id", where, what);
        }
        Matcher gid = GID.matcher(id.asText());
        if (!gid.matches() || !gid.group(1).equals(type)) {
            throw new MalformedResponseException("Shopify's answer to " + what + " has '" + id.asText() + "' as the id of "
                    + where + ", not a gid://shopify/" + type + "/<number>");
        }
        return gid.group(2);
    }

    static String gid(String type, String numericId) {
        return "gid://shopify/" + type + "/" + numericId;
    }

    /** One product variant as a listing; {@code product} holds the product's id, title, status and updatedAt. */
    static Listing listing(JsonNode variant, JsonNode product, String what) {
        String variantId = numericId(variant.path("id"), "ProductVariant", "a product variant", what);
        String where = "product variant " + variantId;
        if (!product.isObject()) {
            throw missingField("product", where, what);
        }
        String productId = numericId(product.path("id"), "Product", "the product of " + where, what);
        String variantTitle = text(variant.path("title"));
        if (variantTitle.equals(DEFAULT_VARIANT_TITLE)) {
            variantTitle = "";
        }
        Instant created = instant(variant.path("createdAt"), "createdAt", where, what);
        Instant variantUpdated = optionalInstant(variant.path("updatedAt"), "updatedAt", where, what).orElse(created);
        // the listing's name is the product's title: renaming the product changes the listing too
        Instant modified = optionalInstant(product.path("updatedAt"), "updatedAt", "product " + productId, what)
                .filter(productUpdated -> productUpdated.isAfter(variantUpdated))
                .orElse(variantUpdated);
        return new Listing(
                variantId,
                text(variant.path("sku")),
                text(product.path("title")),
                variantTitle,
                productId,
                optionalDecimal(variant.path("price"), "price", where, what),
                "ACTIVE".equals(product.path("status").asText("")),
                created,
                modified);
    }

    /** One order; {@code lines} are all its line items (the nested page and any follow-up pages). */
    static ShopOrder order(JsonNode order, List<JsonNode> lines, String what) {
        String orderId = numericId(order.path("id"), "Order", "an order", what);
        String where = "order " + orderId;
        Instant placed = instant(order.path("createdAt"), "createdAt", where, what);
        Instant modified = optionalInstant(order.path("updatedAt"), "updatedAt", where, what).orElse(placed);
        boolean cancelled = !order.path("cancelledAt").isNull() && !order.path("cancelledAt").isMissingNode();
        String financial = order.path("displayFinancialStatus").asText("");
        String fulfillment = order.path("displayFulfillmentStatus").asText("");
        List<OrderLine> orderLines = new ArrayList<>(lines.size());
        for (JsonNode line : lines) {
            orderLines.add(line(line, where, what));
        }
        return new ShopOrder(
                orderId,
                text(order.path("name")),
                placed,
                modified,
                status(cancelled, financial, fulfillment),
                state(cancelled, financial, fulfillment),
                customer(order),
                orderLines);
    }

    /**
     * Shopify's statuses as one text: the financial and the fulfillment status, led by
     * {@code CANCELLED} for a cancelled order, e.g. {@code PAID / UNFULFILLED}.
     */
    static String status(boolean cancelled, String financial, String fulfillment) {
        return Stream.of(cancelled ? "CANCELLED" : "", financial, fulfillment)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(" / "));
    }

    /**
     * The normalized state: cancelled (cancelledAt set, or the money refunded or voided) wins; then
     * on hold (Shopify's fulfillment status {@code ON_HOLD}); fulfilled ({@code FULFILLED},
     * {@code RESTOCKED}) is closed; not yet paid ({@code PENDING}, {@code EXPIRED}) is pending;
     * everything else is open for fulfilment (processing).
     */
    static OrderState state(boolean cancelled, String financial, String fulfillment) {
        if (cancelled || financial.equals("REFUNDED") || financial.equals("VOIDED")) {
            return OrderState.CANCELLED;
        }
        if (fulfillment.equals("ON_HOLD")) {
            return OrderState.ON_HOLD;
        }
        if (fulfillment.equals("FULFILLED") || fulfillment.equals("RESTOCKED")) {
            return OrderState.CLOSED;
        }
        if (financial.equals("PENDING") || financial.equals("EXPIRED")) {
            return OrderState.PENDING;
        }
        return OrderState.PROCESSING;
    }

    private static Customer customer(JsonNode order) {
        JsonNode ship = order.path("shippingAddress");
        String email = text(order.path("email"));
        if (!ship.isObject()) {
            return new Customer("", email, Address.unknown());
        }
        String street = Stream.of(text(ship.path("address1")), text(ship.path("address2")))
                .filter(part -> !part.isBlank())
                .collect(Collectors.joining(", "));
        return new Customer(text(ship.path("name")), email, new Address(street, text(ship.path("city")),
                text(ship.path("provinceCode")), text(ship.path("zip")), text(ship.path("countryCodeV2")), text(ship.path("phone"))));
    }

    private static OrderLine line(JsonNode line, String order, String what) {
        String lineId = numericId(line.path("id"), "LineItem", "a line of " + order, what);
        String where = "line " + lineId + " of " + order;
        JsonNode variant = line.path("variant");
        // custom lines and lines of deleted variants have no variant
        String variantId = variant.isObject() ? numericId(variant.path("id"), "ProductVariant", "the variant of " + where, what) : "";
        if (!line.path("quantity").canConvertToInt()) {
            throw missingField("quantity", where, what);
        }
        JsonNode amount = line.path("originalUnitPriceSet").path("shopMoney").path("amount");
        BigDecimal unitPrice = optionalDecimal(amount, "originalUnitPriceSet.shopMoney.amount", where, what)
                .orElseThrow(() -> missingField("originalUnitPriceSet.shopMoney.amount", where, what));
        return new OrderLine(lineId, variantId, text(line.path("sku")), text(line.path("name")), line.path("quantity").asInt(), unitPrice);
    }

    /** The nodes of a connection, and whether it says more follow. */
    record Connection(List<JsonNode> nodes, boolean hasNextPage, String endCursor) {
    }

    static Connection connection(JsonNode connection, String field, String where, String what) {
        if (!connection.isObject()) {
            throw missingField(field, where, what);
        }
        JsonNode items = connection.has("edges") ? connection.path("edges") : connection.path("nodes");
        if (!items.isArray()) {
            throw missingField(field + ".nodes", where, what);
        }
        List<JsonNode> nodes = new ArrayList<>(items.size());
        items.forEach(nodes::add);
        JsonNode pageInfo = connection.path("pageInfo");
        if (!pageInfo.path("hasNextPage").isBoolean()) {
            throw missingField(field + ".pageInfo.hasNextPage", where, what);
        }
        boolean more = pageInfo.path("hasNextPage").asBoolean();
        String end = pageInfo.path("endCursor").asText("");
        if (more && end.isEmpty()) {
            throw missingField(field + ".pageInfo.endCursor", where, what);
        }
        return new Connection(nodes, more, end);
    }

    static MalformedResponseException missingField(String field, String where, String what) {
        return new MalformedResponseException("Shopify's answer to " + what + " has no '" + field + "' for " + where);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    private static Instant instant(JsonNode node, String field, String where, String what) {
        return optionalInstant(node, field, where, what).orElseThrow(() -> missingField(field, where, what));
    }

    private static Optional<Instant> optionalInstant(JsonNode node, String field, String where, String what) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText().strip()).toInstant());
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("Shopify's answer to " + what + " has '" + node.asText() + "' as " + field
                    + " of " + where + ", not an ISO-8601 date and time", e);
        }
    }

    private static Optional<BigDecimal> optionalDecimal(JsonNode node, String field, String where, String what) {
        if (node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank())) {
            return Optional.empty();
        }
        try {
            return Optional.of(node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip()));
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("Shopify's answer to " + what + " has '" + node.asText() + "' as " + field
                    + " of " + where + ", not an amount", e);
        }
    }
}
