package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.Address;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Customer;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * ${connectorName} as a Shoplink connector.
 *
 * <p>TODO: this skeleton talks to a typical REST JSON shop API, described below; the WireMock fake in
 * the tests plays that API and the contract suite passes. Change the paths, parameters and field names
 * to your shop's, then change the fake the same way and keep the contract test green.
 *
 * <ul>
 *   <li>Authentication: header {@code X-Api-Key}; 401 for a wrong key, 403 for a plan without API access.</li>
 *   <li>{@code GET /shop}: the shop itself, the cheap call that checks the key.</li>
 *   <li>{@code GET /products?page=&per_page=}: products with their {@code variants}; one listing per variant.</li>
 *   <li>{@code GET /variants/{id}}: the product holding that variant, 404 when unknown.</li>
 *   <li>{@code GET /orders?page=&per_page=&created_since=&updated_since=&sort=}: orders with their {@code items}.</li>
 *   <li>Every list answers {@code page} and {@code total_pages}; 429 carries {@code Retry-After} in seconds.</li>
 * </ul>
 *
 * <p>The cursor is the number of the next page. Stateless: everything comes in the {@link Connection}.
 */
@Extension
public class ${connectorClass}Connector implements ShopConnector {
    static final String ID = "${connectorId}";
    static final String API_KEY = "apiKey";
    /** Products and orders per page; ${connectorName} allows up to 100. */
    static final int PAGE_SIZE = 50;

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(ID, "${connectorName}",
            List.of(CredentialField.secret(API_KEY, "API key",
                            "TODO: where in ${connectorName} the user finds the API key.")
                    .withPattern("[A-Za-z0-9_]{12,}", "live_…")),
            URI.create("https://api.example.com/v1"));

    private final ${connectorClass}Client client;

    public ${connectorClass}Connector() {
        this(new ${connectorClass}Client());
    }

    ${connectorClass}Connector(${connectorClass}Client client) {
        this.client = client;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Connection connection) {
        JsonNode shop = client.get(connection, "/shop", Map.of())
                .orElseThrow(() -> new MalformedResponseException("${connectorName} has no /shop for this key"));
        required(shop, "name");
    }

    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        Map<String, String> params = pageParams(cursor);
        params.put("created_since", query.createdSince().toString());
        params.put("status", query.includeInactive() ? "any" : "active");
        JsonNode body = list(connection, "/products", params);
        List<Listing> listings = new ArrayList<>();
        for (JsonNode product : array(body, "products")) {
            for (JsonNode variant : array(product, "variants")) {
                listings.add(listing(product, variant));
            }
        }
        return page(body, listings);
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        String path = "/variants/" + URLEncoder.encode(externalId, StandardCharsets.UTF_8);
        Optional<JsonNode> body = client.get(connection, path, Map.of());
        if (body.isEmpty()) {
            return Optional.empty(); // 404: ${connectorName} does not know the variant
        }
        JsonNode product = required(body.get(), "product");
        for (JsonNode variant : array(product, "variants")) {
            if (text(variant, "id").equals(externalId)) {
                return Optional.of(listing(product, variant));
            }
        }
        return Optional.empty();
    }

    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        Map<String, String> params = pageParams(cursor);
        params.put("created_since", query.placedSince().toString());
        query.modifiedSince().ifPresent(since -> params.put("updated_since", since.toString()));
        // a stable order, so that a page number means the same thing on the next call
        params.put("sort", query.modifiedSince().isPresent() ? "updated_at" : "created_at");
        JsonNode body = list(connection, "/orders", params);
        List<ShopOrder> orders = new ArrayList<>();
        for (JsonNode order : array(body, "orders")) {
            orders.add(order(order));
        }
        return page(body, orders);
    }

    private JsonNode list(Connection connection, String path, Map<String, String> params) {
        return client.get(connection, path, params)
                .orElseThrow(() -> new MalformedResponseException("${connectorName} answered 404 to " + path));
    }

    private static Map<String, String> pageParams(Cursor cursor) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("page", cursor.isStart() ? "1" : cursor.value());
        params.put("per_page", String.valueOf(PAGE_SIZE));
        return params;
    }

    /** The next cursor is the next page's number, as long as the shop says there is one. */
    private static <T> Page<T> page(JsonNode body, List<T> items) {
        int page = required(body, "page").asInt();
        int totalPages = required(body, "total_pages").asInt();
        Optional<Cursor> next = page < totalPages ? Optional.of(Cursor.of(String.valueOf(page + 1))) : Optional.empty();
        return new Page<>(items, next, OptionalLong.empty(), OptionalInt.of(totalPages));
    }

    private static Listing listing(JsonNode product, JsonNode variant) {
        return new Listing(
                required(variant, "id").asText(),
                text(variant, "sku"),
                text(product, "title"),
                text(variant, "title"),
                text(product, "id"),
                decimal(variant, "price"),
                "active".equals(text(product, "status")),
                instant(product, "created_at"),
                instant(product, "updated_at"));
    }

    private static ShopOrder order(JsonNode order) {
        JsonNode customer = order.path("customer");
        JsonNode address = order.path("shipping_address");
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode item : array(order, "items")) {
            lines.add(new OrderLine(required(item, "id").asText(), text(item, "variant_id"), text(item, "sku"),
                    text(item, "title"), Math.max(1, item.path("quantity").asInt(1)),
                    decimal(item, "unit_price").orElse(BigDecimal.ZERO)));
        }
        String status = text(order, "status");
        return new ShopOrder(
                required(order, "id").asText(),
                text(order, "number"),
                instant(order, "created_at"),
                instant(order, "updated_at"),
                status,
                state(status),
                new Customer(text(customer, "name"), text(customer, "email"), new Address(
                        Stream.of(text(address, "line1"), text(address, "line2")).filter(s -> !s.isEmpty())
                                .collect(Collectors.joining(", ")),
                        text(address, "city"), text(address, "region"), text(address, "postal_code"),
                        text(address, "country"), text(address, "phone"))),
                lines);
    }

    /** ${connectorName}'s statuses: pending, paid, shipped, cancelled, refunded, on_hold. */
    static OrderState state(String status) {
        return switch (status) {
            case "pending" -> OrderState.PENDING;
            case "shipped" -> OrderState.CLOSED;
            case "cancelled", "refunded" -> OrderState.CANCELLED;
            case "on_hold" -> OrderState.ON_HOLD;
            default -> OrderState.PROCESSING;
        };
    }

    // --- reading the JSON: a missing required value is a MalformedResponseException naming it

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedResponseException("${connectorName}'s answer lacks \"" + field + "\"");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw new MalformedResponseException("${connectorName}'s \"" + field + "\" is not a list");
        }
        return value;
    }

    /** The value as text; empty when absent or null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static Optional<BigDecimal> decimal(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("${connectorName}'s \"" + field + "\" is not a number: " + value, e);
        }
    }

    private static Instant instant(JsonNode node, String field) {
        String value = required(node, field).asText();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("${connectorName}'s \"" + field + "\" is not an ISO-8601 instant: " + value, e);
        }
    }
}
