package dev.shoplink.shopify;

/**
 * The connector's GraphQL queries, their page sizes and what each is expected to cost.
 *
 * <p>Shopify reserves a query's <em>requested</em> cost before it runs it: objects cost 1, scalars
 * and enums 0, a connection 2 plus {@code first} times the cost of one node, nested connections
 * multiplied through. A single query may request at most 1,000 points. The page sizes below keep
 * every query well under that (the estimates are the formula's results) while reading whole
 * pages of typical shops in one request; a product with more variants, or an order with more
 * lines, than fit its nested page is read on with a follow-up query of its own.
 */
final class Queries {
    /** Products per listings page. */
    static final int PRODUCTS = 40;
    /**
     * Variants read with each product of a listings page: 20, the variants of a coffee in the simulator
     * and the demo shop (5 bag sizes × 4 grinds), requesting 2 + 40 × 23 = 922 points a page; at
     * {@value #PRODUCTS} products 21 is the most under the 1,000-point limit (962), 22 would request 1,002.
     * A product with more ends its page and costs a follow-up (see the connector's README).
     */
    static final int VARIANTS_PER_PRODUCT = 20;
    /** Variants per follow-up query of one product with more variants. */
    static final int VARIANTS = 250;
    /** Orders per page. */
    static final int ORDERS = 20;
    /** Lines read with each order of a page. */
    static final int LINES_PER_ORDER = 8;
    /** Lines per follow-up query of one order with more lines. */
    static final int LINES = 100;

    private static final String VARIANT_FIELDS = "id title sku price createdAt updatedAt";
    private static final String PRODUCT_FIELDS = "id title status updatedAt";
    private static final String LINE_FIELDS = "id sku name quantity variant { id } originalUnitPriceSet { shopMoney { amount } }";
    private static final String ORDER_FIELDS = "id name createdAt updatedAt cancelledAt displayFinancialStatus"
            + " displayFulfillmentStatus email shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }";
    private static final String PAGE_INFO = "pageInfo { hasNextPage endCursor }";

    static final String SHOP = """
            query Shop {
              shop { name myshopifyDomain }
              currentAppInstallation { accessScopes { handle } }
            }""";
    static final double SHOP_COST = 3;

    static final String LISTINGS = """
            query Listings($first: Int!, $after: String, $query: String, $variants: Int!) {
              products(first: $first, after: $after, query: $query, sortKey: ID) {
                edges {
                  cursor
                  node {
                    %s
                    variants(first: $variants) { nodes { %s } %s }
                  }
                }
                %s
              }
            }""".formatted(PRODUCT_FIELDS, VARIANT_FIELDS, PAGE_INFO, PAGE_INFO);
    /** 2 + 40 × (1 + 2 + 20 × 1) = 922. */
    static final double LISTINGS_COST = 2 + PRODUCTS * (1 + 2 + VARIANTS_PER_PRODUCT);

    static final String PRODUCT_VARIANTS = """
            query ProductVariants($id: ID!, $first: Int!, $after: String) {
              product(id: $id) {
                %s
                variants(first: $first, after: $after) { nodes { %s } %s }
              }
            }""".formatted(PRODUCT_FIELDS, VARIANT_FIELDS, PAGE_INFO);
    /** 1 + 2 + 250 × 1 = 253. */
    static final double PRODUCT_VARIANTS_COST = 1 + 2 + VARIANTS;

    static final String VARIANT = """
            query Variant($id: ID!) {
              productVariant(id: $id) { %s product { %s } }
            }""".formatted(VARIANT_FIELDS, PRODUCT_FIELDS);
    static final double VARIANT_COST = 2;

    static final String ORDERS_QUERY = """
            query Orders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys!, $lines: Int!) {
              orders(first: $first, after: $after, query: $query, sortKey: $sortKey) {
                nodes {
                  %s
                  lineItems(first: $lines) { nodes { %s } %s }
                }
                %s
              }
            }""".formatted(ORDER_FIELDS, LINE_FIELDS, PAGE_INFO, PAGE_INFO);
    /** A line costs 4 (itself, variant, originalUnitPriceSet, shopMoney): 2 + 20 × (1 + 1 + 2 + 8 × 4) = 722. */
    static final double ORDERS_COST = 2 + ORDERS * (1 + 1 + 2 + LINES_PER_ORDER * 4);

    static final String ORDER_LINES = """
            query OrderLines($id: ID!, $first: Int!, $after: String) {
              order(id: $id) {
                id
                lineItems(first: $first, after: $after) { nodes { %s } %s }
              }
            }""".formatted(LINE_FIELDS, PAGE_INFO);
    /** 1 + 2 + 100 × 4 = 403. */
    static final double ORDER_LINES_COST = 1 + 2 + LINES * 4;

    // ------------------------------------------------------------ bulk operations (see BulkExport)

    static final String PRODUCTS_COUNT = """
            query ProductsCount($query: String, $limit: Int) {
              productsCount(query: $query, limit: $limit) { count precision }
            }""";
    static final String ORDERS_COUNT = """
            query OrdersCount($query: String, $limit: Int) {
              ordersCount(query: $query, limit: $limit) { count precision }
            }""";
    /** One object. */
    static final double COUNT_COST = 1;

    /**
     * Starts a bulk query. {@code groupObjects: true} because since 2026-01 Shopify only promises that a
     * nested connection's nodes come <em>somewhere</em> after their parent unless grouping is asked for;
     * grouped, they follow it directly, so a reader holds one parent and its children at a time.
     */
    static final String BULK_RUN = """
            mutation BulkExport($query: String!) {
              bulkOperationRunQuery(query: $query, groupObjects: true) {
                bulkOperation { id status }
                userErrors { field message code }
              }
            }""";
    /** Shopify charges every mutation 10 points. */
    static final double BULK_RUN_COST = 10;

    static final String BULK_POLL = """
            query BulkOperation($id: ID!) {
              bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url partialDataUrl }
            }""";
    static final double BULK_POLL_COST = 1;

    /** The bulk query of every product (filtered by Shopify's search syntax, null for all) with all its variants. */
    static String bulkListings(String search) {
        return "{ products(" + searchArgument(search) + "sortKey: ID) { edges { node { " + PRODUCT_FIELDS
                + " variants { edges { node { " + VARIANT_FIELDS + " } } } } } } }";
    }

    /** The bulk query of every order the search selects, with all its lines. */
    static String bulkOrders(String search) {
        return "{ orders(" + searchArgument(search) + "sortKey: CREATED_AT) { edges { node { " + ORDER_FIELDS
                + " lineItems { edges { node { " + LINE_FIELDS + " } } } } } } }";
    }

    private static String searchArgument(String search) {
        return search == null ? "" : "query: \"" + search.replace("\\", "\\\\").replace("\"", "\\\"") + "\", ";
    }

    private Queries() {
    }
}
