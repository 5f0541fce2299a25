package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Product variants read page by page with Shopify's cursors ({@link ListingCursor}): {@value Queries#PRODUCTS}
 * products a page, each with its first {@value Queries#VARIANTS_PER_PRODUCT} variants; a product with more
 * ends its page, and the following pages read its remaining variants ({@value Queries#VARIANTS} a page)
 * before the products go on after it. Also what a bulk export of products turns into listings.
 */
final class ListingPages {
    /** Products with their variants from a bulk export, kept as {@link #addVariants} keeps them. */
    static BulkExport.Kind<Listing> bulkKind(ListingQuery query) {
        String what = "the bulk export of products";
        return new BulkExport.Kind<>("products", "ProductsCount", Queries.PRODUCTS_COUNT, "productsCount", Queries::bulkListings,
                (product, variants) -> {
                    List<Listing> listings = new ArrayList<>(variants.size());
                    addVariants(listings, variants, product, query, what);
                    return listings;
                });
    }

    private final ShopifyClient client;

    ListingPages(ShopifyClient client) {
        this.client = client;
    }

    /** The page of listings at {@code cursor}: more variants of a product, or the next products. */
    Page<Listing> page(Connection connection, ListingQuery query, Cursor cursor) {
        ListingCursor at = ListingCursor.of(cursor);
        return at.pendingProduct() != null ? moreVariants(connection, query, at) : products(connection, query, at);
    }

    /** The next variants of the product the previous page ended with. */
    private Page<Listing> moreVariants(Connection connection, ListingQuery query, ListingCursor at) {
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
        List<Listing> listings = new ArrayList<>();
        addVariants(listings, variants.nodes(), product, query, what);
        Optional<Cursor> next = variants.hasNextPage()
                ? Optional.of(at.withVariantsAfter(variants.endCursor()).cursor())
                : at.afterPending();
        return new Page<>(listings, next, OptionalLong.empty(), OptionalInt.empty());
    }

    /** A page of products with their first variants, ending early at a product with more variants. */
    private Page<Listing> products(Connection connection, ListingQuery query, ListingCursor at) {
        String what = "the Listings query";
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", Queries.PRODUCTS);
        variables.put("after", at.productsAfter());
        variables.put("query", ShopSearch.products(query));
        variables.put("variants", Queries.VARIANTS_PER_PRODUCT);
        JsonNode data = client.query(connection, "Listings", Queries.LISTINGS, variables, Queries.LISTINGS_COST).data();
        Payloads.Connection products = Payloads.connection(data.path("products"), "products", "the shop", what);
        List<Listing> listings = new ArrayList<>();
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

    /** The variants the query asks for: created since its bound, and active unless it includes inactive ones. */
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
}
