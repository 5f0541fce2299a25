package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.CredentialKind;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.Extension;

/**
 * Shopify's GraphQL Admin API (pinned to {@value ShopifyClient#API_VERSION}) as a Shoplink connector:
 * the Admin API access token of the shop's custom app, every product variant as a listing, orders
 * with all their lines.
 *
 * <p>The shop is the integration's shop URL: {@link #apiBaseUrl(String)} turns the forms merchants
 * paste into {@code https://<shop>.myshopify.com} and refuses custom domains.
 *
 * <p>Paging follows Shopify's cursors; the opaque {@link Cursor} carries them (see {@link ListingCursor}
 * and {@link OrderCursor}). A large first read is a bulk export instead ({@link BulkExport}, cursor
 * {@link BulkExport.BulkCursor}). Query cost is paced by {@link CostPacing}, which keeps the only state of
 * the connector; it is shared by all instances in the plugin because PF4J may create a new
 * extension instance per lookup.
 */
@Extension
public final class ShopifyConnector implements ShopConnector {
    /** Only used by hosts that do not ask {@link #apiBaseUrl(String)}; every real shop has its own address. */
    static final URI DEFAULT_BASE_URL = URI.create("https://admin.shopify.com");

    static final CredentialField ACCESS_TOKEN_FIELD = new CredentialField(
            ShopifyClient.ACCESS_TOKEN,
            "Admin API access token",
            true,
            true,
            CredentialKind.SECRET,
            "",
            "shpat_…",
            "The Admin API access token of the shop's custom app (Shopify admin: Apps > Develop apps > [your app] >"
                    + " API credentials). The app needs the scopes read_products and read_orders, and read_all_orders"
                    + " for orders older than 60 days.");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            "shopify", "Shopify", List.of(ACCESS_TOKEN_FIELD), DEFAULT_BASE_URL);

    /** Open bulk result streams are kept between calls, so the plugin's instances share one. */
    private static final BulkExport SHARED_BULK = BulkExport.withDefaults(ShopifyClient.shared());

    private final ShopifyClient client;
    private final BulkExport bulk;

    /** The instance PF4J creates. */
    public ShopifyConnector() {
        this(ShopifyClient.shared(), SHARED_BULK);
    }

    ShopifyConnector(ShopifyClient client) {
        this(client, BulkExport.withDefaults(client));
    }

    ShopifyConnector(ShopifyClient client, BulkExport bulk) {
        this.client = client;
        this.bulk = bulk;
    }

    /** From how many products or orders a first read is a bulk export. */
    long bulkThreshold() {
        return bulk.threshold();
    }

    /** Bulk result streams kept open between calls (tests). */
    int bulkStreams() {
        return bulk.openStreams();
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public URI apiBaseUrl(String shopUrl) {
        return ShopUrl.apiBase(shopUrl);
    }

    /**
     * One cheap query: the shop's name and permanent domain, and the scopes granted to the token. A
     * token of another shop, or one without the read scopes, is refused here rather than half-way
     * through the first sync.
     */
    @Override
    public void validate(Connection connection) {
        String what = "the Shop query";
        JsonNode data = client.query(connection, "Shop", Queries.SHOP, Map.of(), Queries.SHOP_COST).data();
        JsonNode shop = data.path("shop");
        String domain = shop.path("myshopifyDomain").asText("");
        if (domain.isEmpty()) {
            throw Payloads.missingField("shop.myshopifyDomain", "the shop", what);
        }
        Optional<String> expected = ShopUrl.tryMyshopifyDomain(connection.shopUrl())
                .or(() -> ShopUrl.tryMyshopifyDomain(connection.baseUrl().toString()));
        if (expected.isPresent() && !expected.get().equalsIgnoreCase(domain)) {
            throw new InvalidCredentialsException("This token belongs to another shop: " + domain + " (\""
                    + shop.path("name").asText("") + "\"), not " + expected.get() + ". Use the access token of the custom app"
                    + " installed on " + expected.get() + ", or correct the shop URL.", ShopifyClient.ACCESS_TOKEN);
        }
        JsonNode scopes = data.path("currentAppInstallation").path("accessScopes");
        if (scopes.isArray()) {
            Set<String> granted = new TreeSet<>();
            scopes.forEach(scope -> granted.add(scope.path("handle").asText("")));
            List<String> missing = new ArrayList<>();
            for (String resource : List.of("products", "orders")) {
                // a write scope includes the read scope
                if (!granted.contains("read_" + resource) && !granted.contains("write_" + resource)) {
                    missing.add("read_" + resource);
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiAccessDeniedException("The access token of " + domain + " lacks the scope"
                        + (missing.size() > 1 ? "s " : " ") + String.join(" and ", missing) + " (granted: "
                        + (granted.isEmpty() ? "none" : String.join(", ", granted)) + "). " + ShopifyClient.SCOPES_NEEDED);
            }
        }
    }

    /**
     * One page of product variants: {@value Queries#PRODUCTS} products by id, each with its first
     * {@value Queries#VARIANTS_PER_PRODUCT} variants. When a product has more, the page ends with that
     * product and the following pages read its remaining variants ({@value Queries#VARIANTS} a page)
     * before the products go on after it.
     *
     * <p>"Created since" asks for products updated since then (adding a variant updates its product)
     * and keeps the variants created since then; "active only" asks for products with status ACTIVE.
     */
    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        BulkExport.Kind<Listing> kind = listingsKind(query);
        if (BulkExport.BulkCursor.is(cursor)) {
            return bulk.page(connection, kind, productSearch(query), BulkExport.BulkCursor.of(cursor, kind.name()))
                    .orElseGet(() -> pagedListings(connection, query, Cursor.start()));
        }
        if (cursor.isStart()) {
            client.checkBudget(connection, "Listings", Queries.LISTINGS_COST);
            Optional<Page<Listing>> started = bulk.startIfLarge(connection, kind, productSearch(query));
            if (started.isPresent()) {
                return started.get();
            }
        }
        return pagedListings(connection, query, cursor);
    }

    /** Products with their variants from a bulk export, kept as {@link #addVariants} keeps them. */
    private static BulkExport.Kind<Listing> listingsKind(ListingQuery query) {
        String what = "the bulk export of products";
        return new BulkExport.Kind<>("products", "ProductsCount", Queries.PRODUCTS_COUNT, "productsCount", Queries::bulkListings,
                (product, variants) -> {
                    List<Listing> listings = new ArrayList<>(variants.size());
                    addVariants(listings, variants, product, query, what);
                    return listings;
                });
    }

    private static BulkExport.Kind<ShopOrder> ordersKind() {
        String what = "the bulk export of orders";
        return new BulkExport.Kind<>("orders", "OrdersCount", Queries.ORDERS_COUNT, "ordersCount", Queries::bulkOrders,
                (order, lines) -> List.of(Payloads.order(order, lines, what)));
    }

    private Page<Listing> pagedListings(Connection connection, ListingQuery query, Cursor cursor) {
        ListingCursor at = ListingCursor.of(cursor);
        List<Listing> listings = new ArrayList<>();
        if (at.pendingProduct() != null) {
            String what = "the ProductVariants query";
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", at.pendingProduct());
            variables.put("first", Queries.VARIANTS);
            variables.put("after", at.variantsAfter());
            JsonNode product = client.query(connection, "ProductVariants", Queries.PRODUCT_VARIANTS, variables,
                    Queries.PRODUCT_VARIANTS_COST).data().path("product");
            if (!product.isObject()) {
                // deleted since the page before: go on with the products after it
                return new Page<>(List.of(), at.afterPending(), OptionalLong.empty(), OptionalInt.empty());
            }
            Payloads.Connection variants = Payloads.connection(product.path("variants"), "variants", "product "
                    + at.pendingProduct(), what);
            addVariants(listings, variants.nodes(), product, query, what);
            Optional<Cursor> next = variants.hasNextPage()
                    ? Optional.of(at.withVariantsAfter(variants.endCursor()).cursor())
                    : at.afterPending();
            return new Page<>(listings, next, OptionalLong.empty(), OptionalInt.empty());
        }

        String what = "the Listings query";
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", Queries.PRODUCTS);
        variables.put("after", at.productsAfter());
        variables.put("query", productSearch(query));
        variables.put("variants", Queries.VARIANTS_PER_PRODUCT);
        JsonNode data = client.query(connection, "Listings", Queries.LISTINGS, variables, Queries.LISTINGS_COST).data();
        Payloads.Connection products = Payloads.connection(data.path("products"), "products", "the shop", what);
        List<JsonNode> edges = products.nodes();
        for (int i = 0; i < edges.size(); i++) {
            JsonNode edge = edges.get(i);
            JsonNode product = edge.path("node");
            String edgeCursor = edge.path("cursor").asText("");
            if (!product.isObject() || edgeCursor.isEmpty()) {
                throw Payloads.missingField(product.isObject() ? "cursor" : "node", "products edge " + i, what);
            }
            Payloads.Connection variants = Payloads.connection(product.path("variants"), "variants", "product "
                    + product.path("id").asText("?"), what);
            addVariants(listings, variants.nodes(), product, query, what);
            if (variants.hasNextPage()) {
                boolean moreProducts = i < edges.size() - 1 || products.hasNextPage();
                ListingCursor next = new ListingCursor(edgeCursor, product.path("id").asText(), variants.endCursor(), moreProducts);
                return new Page<>(listings, Optional.of(next.cursor()), OptionalLong.empty(), OptionalInt.empty());
            }
        }
        Optional<Cursor> next = products.hasNextPage()
                ? Optional.of(new ListingCursor(products.endCursor(), null, null, true).cursor())
                : Optional.empty();
        return new Page<>(listings, next, OptionalLong.empty(), OptionalInt.empty());
    }

    private static void addVariants(List<Listing> listings, List<JsonNode> variants, JsonNode product, ListingQuery query,
                                    String what) {
        for (JsonNode variant : variants) {
            Listing listing = Payloads.listing(variant, product, what);
            if (listing.createdAt().isBefore(query.createdSince()) || (!query.includeInactive() && !listing.active())) {
                continue;
            }
            listings.add(listing);
        }
    }

    /** Shopify's search syntax for the products a listing query needs; null for all. */
    static String productSearch(ListingQuery query) {
        List<String> terms = new ArrayList<>();
        if (query.createdSince().isAfter(Instant.EPOCH)) {
            terms.add("updated_at:>='" + searchTime(query.createdSince()) + "'");
        }
        if (!query.includeInactive()) {
            terms.add("status:active");
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        if (!externalId.matches("\\d{1,19}")) {
            // Shopify's variant ids are numbers; anything else cannot exist there
            return Optional.empty();
        }
        String what = "the Variant query";
        JsonNode variant = client.query(connection, "Variant", Queries.VARIANT,
                Map.of("id", Payloads.gid("ProductVariant", externalId)), Queries.VARIANT_COST).data().path("productVariant");
        if (variant.isNull() || variant.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(Payloads.listing(variant, variant.path("product"), what));
    }

    /**
     * Orders placed at or after {@code placedSince} ({@code created_at:>=}, sorted by creation), and when
     * the query has {@code modifiedSince}, modified since then too ({@code updated_at:>=}, sorted by
     * update). Shopify's cursors mark a position in that order (sort value and id), so an order changed
     * while the host pages moves behind the cursor and is read again later rather than skipped.
     * Each order comes with all its lines: those beyond the nested page are read with follow-up queries
     * before the page is returned.
     */
    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        BulkExport.Kind<ShopOrder> kind = ordersKind();
        if (BulkExport.BulkCursor.is(cursor)) {
            return bulk.page(connection, kind, orderSearch(query), BulkExport.BulkCursor.of(cursor, kind.name()))
                    .orElseGet(() -> pagedOrders(connection, query, Cursor.start()));
        }
        if (cursor.isStart() && query.modifiedSince().isEmpty()) {
            // a first sync: large ones are exported in bulk; incremental ones stay paged
            client.checkBudget(connection, "Orders", Queries.ORDERS_COST);
            Optional<Page<ShopOrder>> started = bulk.startIfLarge(connection, kind, orderSearch(query));
            if (started.isPresent()) {
                return started.get();
            }
        }
        return pagedOrders(connection, query, cursor);
    }

    private Page<ShopOrder> pagedOrders(Connection connection, OrderQuery query, Cursor cursor) {
        OrderCursor at = OrderCursor.of(cursor);
        String what = "the Orders query";
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", Queries.ORDERS);
        variables.put("after", at.after());
        variables.put("query", orderSearch(query));
        variables.put("sortKey", query.modifiedSince().isPresent() ? "UPDATED_AT" : "CREATED_AT");
        variables.put("lines", Queries.LINES_PER_ORDER);
        JsonNode data = client.query(connection, "Orders", Queries.ORDERS_QUERY, variables, Queries.ORDERS_COST).data();
        Payloads.Connection page = Payloads.connection(data.path("orders"), "orders", "the shop", what);
        List<ShopOrder> orders = new ArrayList<>(page.nodes().size());
        for (JsonNode order : page.nodes()) {
            String where = "order " + order.path("id").asText("?");
            Payloads.Connection lines = Payloads.connection(order.path("lineItems"), "lineItems", where, what);
            List<JsonNode> all = new ArrayList<>(lines.nodes());
            if (lines.hasNextPage() && !restOfLines(connection, order.path("id").asText(), lines.endCursor(), all)) {
                continue; // deleted while we read it
            }
            orders.add(Payloads.order(order, all, what));
        }
        Optional<Cursor> next = page.hasNextPage() ? Optional.of(new OrderCursor(page.endCursor()).cursor()) : Optional.empty();
        return new Page<>(orders, next, OptionalLong.empty(), OptionalInt.empty());
    }

    /** Reads an order's lines after {@code after} into {@code lines}; false when the order is gone. */
    private boolean restOfLines(Connection connection, String orderGid, String after, List<JsonNode> lines) {
        String what = "the OrderLines query";
        String cursor = after;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", orderGid);
            variables.put("first", Queries.LINES);
            variables.put("after", cursor);
            JsonNode order = client.query(connection, "OrderLines", Queries.ORDER_LINES, variables, Queries.ORDER_LINES_COST)
                    .data().path("order");
            if (!order.isObject()) {
                return false;
            }
            Payloads.Connection more = Payloads.connection(order.path("lineItems"), "lineItems", "order " + orderGid, what);
            lines.addAll(more.nodes());
            if (!more.hasNextPage()) {
                return true;
            }
            cursor = more.endCursor();
        }
    }

    /** Shopify's search syntax for an order query. */
    static String orderSearch(OrderQuery query) {
        List<String> terms = new ArrayList<>();
        terms.add("created_at:>='" + searchTime(query.placedSince()) + "'");
        query.modifiedSince().ifPresent(since -> terms.add("updated_at:>='" + searchTime(since) + "'"));
        return String.join(" AND ", terms);
    }

    /** Whole seconds, rounded down so that an "at or after" filter never starts after the instant asked for. */
    private static String searchTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Where a listing read stands: after the products cursor {@code productsAfter} (null: from the
     * start), and — while one product's variants are read on — that product's id, the variants cursor,
     * and whether products follow it.
     */
    record ListingCursor(String productsAfter, String pendingProduct, String variantsAfter, boolean moreProducts) {
        private static final String PREFIX = "products:";

        static ListingCursor of(Cursor cursor) {
            if (cursor.isStart()) {
                return new ListingCursor(null, null, null, true);
            }
            List<String> parts = CursorText.split(cursor.value(), PREFIX, 4);
            if (parts == null || !(parts.get(3).equals("more") || parts.get(3).equals("last"))) {
                throw new IllegalArgumentException("not a Shopify listing cursor: " + cursor.value());
            }
            return new ListingCursor(parts.get(0), parts.get(1), parts.get(2), parts.get(3).equals("more"));
        }

        ListingCursor withVariantsAfter(String after) {
            return new ListingCursor(productsAfter, pendingProduct, after, moreProducts);
        }

        /** Where the read goes on once the pending product is done. */
        Optional<Cursor> afterPending() {
            return moreProducts ? Optional.of(new ListingCursor(productsAfter, null, null, true).cursor()) : Optional.empty();
        }

        Cursor cursor() {
            return Cursor.of(CursorText.join(PREFIX, productsAfter, pendingProduct, variantsAfter, moreProducts ? "more" : "last"));
        }
    }

    /** Where an order read stands: after Shopify's orders cursor {@code after} (null: from the start). */
    record OrderCursor(String after) {
        private static final String PREFIX = "orders:";

        static OrderCursor of(Cursor cursor) {
            if (cursor.isStart()) {
                return new OrderCursor(null);
            }
            List<String> parts = CursorText.split(cursor.value(), PREFIX, 1);
            if (parts == null || parts.get(0) == null) {
                throw new IllegalArgumentException("not a Shopify order cursor: " + cursor.value());
            }
            return new OrderCursor(parts.get(0));
        }

        Cursor cursor() {
            return Cursor.of(CursorText.join(PREFIX, after));
        }
    }

    /** Shopify's cursors are opaque text; each part is Base64url-encoded so that ':' can separate them. */
    static final class CursorText {
        private CursorText() {
        }

        static String join(String prefix, String... parts) {
            StringBuilder text = new StringBuilder(prefix);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    text.append(':');
                }
                if (parts[i] != null) {
                    text.append(java.util.Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(parts[i].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
            return text.toString();
        }

        /** The decoded parts (null for an empty one), or null when the text is not of this form. */
        static List<String> split(String text, String prefix, int count) {
            if (!text.startsWith(prefix)) {
                return null;
            }
            String[] raw = text.substring(prefix.length()).split(":", -1);
            if (raw.length != count) {
                return null;
            }
            List<String> parts = new ArrayList<>(count);
            try {
                for (String part : raw) {
                    parts.add(part.isEmpty() ? null : new String(java.util.Base64.getUrlDecoder().decode(part),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
            return parts;
        }
    }
}
