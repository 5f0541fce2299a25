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
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Paging follows Shopify's cursors ({@link ListingPages} with {@link ListingCursor}, {@link OrderPages}
 * with {@link OrderCursor}); the opaque {@link Cursor} carries them. A large first read is a bulk export
 * instead ({@link BulkExport}, cursor {@link BulkExport.BulkCursor}). Query cost is paced by {@link CostPacing}, which keeps the only state of
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
    private final ListingPages listingPages;
    private final OrderPages orderPages;

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
        this.listingPages = new ListingPages(client);
        this.orderPages = new OrderPages(client);
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
        checkScopes(data.path("currentAppInstallation").path("accessScopes"), domain);
    }

    /** Refuses a token without the read scopes, when Shopify lists the granted ones. */
    private static void checkScopes(JsonNode scopes, String domain) {
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
        BulkExport.Kind<Listing> kind = ListingPages.bulkKind(query);
        if (BulkExport.BulkCursor.is(cursor)) {
            return bulk.page(connection, kind, ShopSearch.products(query), BulkExport.BulkCursor.of(cursor, kind.name()))
                    .orElseGet(() -> listingPages.page(connection, query, Cursor.start()));
        }
        if (cursor.isStart()) {
            client.checkBudget(connection, "Listings", Queries.LISTINGS_COST);
            Optional<Page<Listing>> started = bulk.startIfLarge(connection, kind, ShopSearch.products(query));
            if (started.isPresent()) {
                return started.get();
            }
        }
        return listingPages.page(connection, query, cursor);
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
        BulkExport.Kind<ShopOrder> kind = OrderPages.bulkKind();
        if (BulkExport.BulkCursor.is(cursor)) {
            return bulk.page(connection, kind, ShopSearch.orders(query), BulkExport.BulkCursor.of(cursor, kind.name()))
                    .orElseGet(() -> orderPages.page(connection, query, Cursor.start()));
        }
        if (cursor.isStart() && query.modifiedSince().isEmpty()) {
            // a first sync: large ones are exported in bulk; incremental ones stay paged
            client.checkBudget(connection, "Orders", Queries.ORDERS_COST);
            Optional<Page<ShopOrder>> started = bulk.startIfLarge(connection, kind, ShopSearch.orders(query));
            if (started.isPresent()) {
                return started.get();
            }
        }
        return orderPages.page(connection, query, cursor);
    }
}
