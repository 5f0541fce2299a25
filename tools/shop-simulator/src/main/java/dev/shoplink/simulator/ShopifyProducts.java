package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shoplink.simulator.ShopifyCatalog.ShopifyProduct;
import dev.shoplink.simulator.ShopifyConnection.Keyed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The catalog side of the Shopify schema: {@code Product} and {@code ProductVariant} objects over the
 * {@link ShopifyCatalog}, and the {@code products} connection with its sort keys and search.
 */
final class ShopifyProducts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ShopifyCatalog catalog;
    private final Store store;

    ShopifyProducts(ShopifyCatalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    GraphQlObject product(ShopifyProduct p) {
        return new GraphQlObject("Product")
                .put("id", "gid://shopify/Product/" + p.id())
                .put("legacyResourceId", Long.toString(p.id()))
                .put("title", p.title())
                .put("handle", p.handle())
                .put("status", p.status())
                .put("vendor", store.storeName())
                .put("productType", "Coffee")
                .put("createdAt", iso(p.created()))
                .put("updatedAt", iso(p.updated()))
                .put("publishedAt", p.status().equals("ACTIVE") ? iso(p.created()) : null)
                .put("variants", f -> {
                    List<Keyed<Product>> variants = new ArrayList<>();
                    for (Product v : p.variants()) {
                        variants.add(new Keyed<>(v, ShopifyCatalog.position(v), ShopifyCatalog.variantId(v)));
                    }
                    return ShopifyConnection.page(f, "ProductVariant", variants.iterator(), false, this::variant);
                });
    }

    GraphQlObject variant(Product v) {
        ShopifyProduct p = catalog.productOf(v);
        String title = ShopifyCatalog.variantTitle(v);
        return new GraphQlObject("ProductVariant")
                .put("id", "gid://shopify/ProductVariant/" + ShopifyCatalog.variantId(v))
                .put("legacyResourceId", Long.toString(ShopifyCatalog.variantId(v)))
                .put("title", title)
                .put("displayName", p.title() + " - " + title)
                .put("sku", v.sku())
                .put("barcode", v.upc())
                .put("price", ShipStationJson.money(v.priceCents()).toPlainString())
                .put("compareAtPrice", (String) null)
                .put("position", ShopifyCatalog.position(v))
                .put("availableForSale", v.active())
                .put("createdAt", iso(ShopifyCatalog.variantCreated(v)))
                .put("updatedAt", iso(ShopifyCatalog.variantUpdated(v)))
                .put("selectedOptions", f -> {
                    ArrayNode options = NODES.arrayNode();
                    options.add(new GraphQlObject("SelectedOption").put("name", "Size").put("value", v.sizeLabel()).project(f));
                    options.add(new GraphQlObject("SelectedOption").put("name", "Grind").put("value", v.grindLabel()).project(f));
                    return options;
                })
                .put("product", f -> product(p).project(f));
    }

    /** The {@code products} connection, or in a bulk operation every matching product written to its sink. */
    JsonNode products(GraphQl.Field f, ShopifyRequest request) {
        List<Keyed<ShopifyProduct>> matching = matching(f, request);
        if (request.sink != null) {
            return ShopifyBulkQueries.write(f, request, matching.iterator(), "Product", this::product);
        }
        return ShopifyConnection.page(f, "Product", matching.iterator(), f.arg("reverse").asBoolean(false), this::product);
    }

    /** The products a {@code products} (or {@code productsCount}) field selects, in its order. */
    List<Keyed<ShopifyProduct>> matching(GraphQl.Field f, ShopifyRequest request) {
        String sortKey = f.arg("sortKey").asText("ID");
        Function<ShopifyProduct, Long> key = switch (sortKey) {
            case "ID" -> ShopifyProduct::id;
            case "CREATED_AT" -> ShopifyProduct::created;
            case "UPDATED_AT" -> ShopifyProduct::updated;
            default -> throw ShopifyConnection.invalidSortKey(f, sortKey, "ProductSortKeys", "ID, CREATED_AT, UPDATED_AT");
        };
        String query = f.arg("query").isTextual() ? f.arg("query").asText() : null;
        ShopifySearch.Parsed<ShopifyProduct> search = ShopifySearch.parse(query, term -> filter(term));
        List<Keyed<ShopifyProduct>> matching = new ArrayList<>();
        for (ShopifyProduct p : catalog.products()) {
            if (search.filter().test(p)) {
                matching.add(new Keyed<>(p, key.apply(p), p.id()));
            }
        }
        matching.sort(Keyed.ORDER);
        boolean reverse = f.arg("reverse").asBoolean(false);
        if (reverse) {
            Collections.reverse(matching);
        }
        request.warnings(f, query, search);
        return matching;
    }

    private static Predicate<ShopifyProduct> filter(ShopifySearch.Term term) {
        if (term.field() == null) {
            String text = term.value().toLowerCase(Locale.ROOT);
            return p -> p.title().toLowerCase(Locale.ROOT).contains(text)
                    || p.variants().stream().anyMatch(v -> v.sku().toLowerCase(Locale.ROOT).contains(text));
        }
        return switch (term.field()) {
            case "updated_at" -> p -> term.matchesTime(p.updated());
            case "created_at" -> p -> term.matchesTime(p.created());
            case "status" -> p -> term.matchesWord(p.status());
            case "id" -> p -> term.matchesNumber(p.id());
            case "title" -> p -> p.title().equalsIgnoreCase(term.value());
            case "sku" -> p -> p.variants().stream().anyMatch(v -> v.sku().equalsIgnoreCase(term.value()));
            case "product_type" -> p -> term.matchesWord("Coffee");
            default -> null;
        };
    }

    static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
