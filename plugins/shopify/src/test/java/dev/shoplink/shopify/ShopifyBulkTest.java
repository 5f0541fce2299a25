package dev.shoplink.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.shoplink.shopify.FakeShopify.GRAPHQL;
import static dev.shoplink.shopify.FakeShopify.SPECIFIC;
import static dev.shoplink.shopify.FakeShopify.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large first syncs through bulk operations, against the WireMock shop ({@link FakeShopify}): it counts,
 * runs the export, answers polls and serves the JSONL result; canned answers in Shopify's documented
 * shapes ({@code src/test/resources/shopify/bulk-*.json}) play the other states.
 */
class ShopifyBulkTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Small enough that a test's shop is exported in bulk. */
    private static final long THRESHOLD = 10;
    private static final OrderQuery FIRST_SYNC = OrderQuery.placedSince(Instant.parse("2026-01-01T00:00:00Z"));

    private static FakeShopify shopify;
    private static WireMockServer server;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private ShopifyConnector connector;

    @BeforeAll
    static void start() {
        shopify = new FakeShopify();
        server = shopify.server;
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @BeforeEach
    void freshShop() {
        shopify.clock.advance(Duration.ofHours(1));
        shopify.reset();
        connector = connector(THRESHOLD, Duration.ofSeconds(1));
    }

    private ShopifyConnector connector(long threshold, Duration pollBudget) {
        ShopifyClient client = ShopifyClient.withOwnPacing();
        return new ShopifyConnector(client, new BulkExport(client, sleeps::add, threshold, pollBudget));
    }

    private static Connection connection() {
        return shopify.connection();
    }

    private static void stub(String operation, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(GRAPHQL)).atPriority(SPECIFIC)
                .withRequestBody(matchingJsonPath("$.operationName", equalTo(operation))).willReturn(response));
    }

    private static <T> List<T> collect(Function<Cursor, Page<T>> fetch, Cursor from) {
        List<T> all = new ArrayList<>();
        Cursor cursor = from;
        for (int pages = 0; pages < 1_000; pages++) {
            Page<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            cursor = page.next().get();
        }
        throw new AssertionError("paging did not end");
    }

    private List<ShopOrder> pagedOrders() {
        ShopifyConnector paged = connector(Long.MAX_VALUE, Duration.ZERO);
        return collect(cursor -> paged.orders(connection(), FIRST_SYNC, cursor), Cursor.start());
    }

    private static long count(String operation) {
        return shopify.operations.stream().filter(operation::equals).count();
    }

    /** Starts an export of the fake's orders and answers the cursor its first (empty) page carries. */
    private Cursor startOrders() {
        Page<ShopOrder> first = connector.orders(connection(), FIRST_SYNC, Cursor.start());
        assertThat(first.items()).isEmpty();
        assertThat(first.next()).isPresent();
        return first.next().get();
    }

    /** Starts an export of 30 orders of one line; the shop answers every later poll with a canned {@code resource}. */
    private Cursor startOrdersPolledAs(String resource) {
        shopify.serveOrders(30, 1);
        Cursor cursor = startOrders();
        stub("BulkOperation", okJson(resource(resource)));
        return cursor;
    }

    private static int downloads() {
        return server.findAll(getRequestedFor(urlPathMatching("/bulk-results/.*"))).size();
    }

    @Test
    void ordersAreExportedWithTheirLinesJoinedAndPagedAtWholeOrders() {
        shopify.serveOrders(900, 3);
        List<ShopOrder> expected = pagedOrders();
        shopify.operations.clear();

        Page<ShopOrder> first = connector.orders(connection(), FIRST_SYNC, Cursor.start());
        assertThat(first.items()).isEmpty();
        assertThat(first.next().orElseThrow().value()).startsWith("bulk-orders:");
        List<ShopOrder> all = new ArrayList<>();
        int pages = 0;
        Cursor cursor = first.next().get();
        while (true) {
            Page<ShopOrder> page = connector.orders(connection(), FIRST_SYNC, cursor);
            pages++;
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next().get();
        }

        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(all).allSatisfy(o -> assertThat(o.lines()).hasSize(3).extracting(OrderLine::quantity).containsExactly(1, 2, 3));
        // 3,600 lines, pages of at least 1,000 lines ending after a whole order: 4 pages
        assertThat(pages).isEqualTo(4);
        assertThat(shopify.operations).containsExactly("OrdersCount", "BulkExport",
                "BulkOperation", "BulkOperation", "BulkOperation", "BulkOperation");
        assertThat(connector.bulkStreams()).isZero();
        // the query asks for the first sync's window and grouped objects
        JsonNode mutation = server.findAll(postRequestedFor(urlPathEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.operationName", equalTo("BulkExport")))).stream()
                .map(r -> readTree(r.getBodyAsString())).findFirst().orElseThrow();
        assertThat(mutation.path("query").asText()).contains("groupObjects: true");
        assertThat(mutation.at("/variables/query").asText()).startsWith("{ orders(query: \"created_at:>='2026-01-01T00:00:00Z'\"")
                .contains("lineItems { edges { node {");
    }

    @Test
    void productsWithHundredsOfVariantsAreExportedWhole() {
        shopify.products.add(new FakeShopify.Product(7_999_999_999L, "Tasting Box", "ACTIVE",
                Instant.parse("2026-05-02T10:00:00Z"), variants(7_999_999_999L, 1_200)));
        shopify.serveProducts(40, 3, 0);
        ShopifyConnector paged = connector(Long.MAX_VALUE, Duration.ZERO);
        List<Listing> expected = collect(cursor -> paged.listings(connection(), ListingQuery.everything(), cursor), Cursor.start());
        shopify.operations.clear();

        List<Listing> all = collect(cursor -> connector.listings(connection(), ListingQuery.everything(), cursor), Cursor.start());

        assertThat(all).hasSize(1_320).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all).filteredOn(l -> l.name().equals("Tasting Box")).hasSize(1_200)
                .allSatisfy(l -> assertThat(l.parentProductId()).isEqualTo("7999999999"));
        assertThat(count("BulkExport")).isEqualTo(1);
        assertThat(count("Listings")).isEqualTo(0);
    }

    private static List<FakeShopify.Variant> variants(long productId, int count) {
        List<FakeShopify.Variant> variants = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            variants.add(new FakeShopify.Variant(productId * 10_000 + v, "Box " + v, "BOX-" + v, "30.00",
                    Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:00Z")));
        }
        return variants;
    }

    @Test
    void aRestartedHostContinuesTheSameExportWithoutRepeatingOrLosingAnOrder() {
        shopify.serveOrders(900, 3);
        List<ShopOrder> expected = pagedOrders();
        shopify.operations.clear();
        Cursor cursor = startOrders();
        Page<ShopOrder> firstPage = connector.orders(connection(), FIRST_SYNC, cursor);
        assertThat(firstPage.items()).isNotEmpty().hasSizeLessThan(900);

        // the host stored the cursor and died; a new process has a new connector (no open stream)
        ShopifyConnector restarted = connector(THRESHOLD, Duration.ofSeconds(1));
        List<ShopOrder> rest = collect(c -> restarted.orders(connection(), FIRST_SYNC, c), firstPage.next().orElseThrow());

        List<ShopOrder> all = new ArrayList<>(firstPage.items());
        all.addAll(rest);
        assertThat(all).extracting(ShopOrder::externalId).doesNotHaveDuplicates();
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(count("BulkExport")).isEqualTo(1);
        // the restarted connector downloaded the file again (WireMock ignores Range) and skipped what was read
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void anOperationStillRunningIsPolledWithGrowingWaitsThenAnEmptyPageKeepsTheCursor() {
        shopify.serveOrders(30, 1);
        Cursor cursor = startOrders();
        shopify.bulkPollsRunning = 3;

        Page<ShopOrder> waiting = connector.orders(connection(), FIRST_SYNC, cursor);
        assertThat(waiting.items()).isEmpty();
        assertThat(waiting.next()).contains(cursor);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));

        Page<ShopOrder> done = connector.orders(connection(), FIRST_SYNC, cursor);
        assertThat(done.items()).hasSize(30);
        assertThat(done.next()).isEmpty();
        assertThat(count("BulkOperation")).isEqualTo(4);
        assertThat(count("BulkExport")).isEqualTo(1);
    }

    @Test
    void aCompletedOperationWithoutUrlHasNoResults() {
        Cursor cursor = startOrdersPolledAs("bulk-completed-empty.json");

        Page<ShopOrder> page = connector.orders(connection(), FIRST_SYNC, cursor);

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
        assertThat(downloads()).isZero();
        assertThat(count("BulkExport")).isEqualTo(1);
    }

    @Test
    void accessDeniedFailsNamingTheScopes() {
        Cursor cursor = startOrdersPolledAs("bulk-failed-access-denied.json");

        assertThatThrownBy(() -> connector.orders(connection(), FIRST_SYNC, cursor))
                .isInstanceOf(ApiAccessDeniedException.class)
                .hasMessageContaining("ACCESS_DENIED").hasMessageContaining("read_orders");
        // not replaced by a new operation
        assertThat(count("BulkExport")).isEqualTo(1);
    }

    @Test
    void aFailedOperationIsReplacedByANewOneReadFromItsStartThenGivenUp() {
        Cursor cursor = startOrdersPolledAs("bulk-failed-timeout.json");

        Page<ShopOrder> replaced = connector.orders(connection(), FIRST_SYNC, cursor);
        assertThat(replaced.items()).isEmpty();
        BulkExport.BulkCursor next = BulkExport.BulkCursor.of(replaced.next().orElseThrow(), "orders");
        assertThat(next.restarts()).isEqualTo(1);
        assertThat(next.objects()).isZero();
        assertThat(count("BulkExport")).isEqualTo(2);

        Cursor thirdTry = new BulkExport.BulkCursor("orders", next.operation(), 0, 0, BulkExport.MAX_RESTARTS).cursor();
        assertThatThrownBy(() -> connector.orders(connection(), FIRST_SYNC, thirdTry))
                .isInstanceOf(ShopUnavailableException.class).hasMessageContaining("TIMEOUT");
        // given up: no fourth operation
        assertThat(count("BulkExport")).isEqualTo(2);
    }

    @Test
    void aFailedOperationsPartialDataIsNotReadAndTheReplacementDeliversEveryOrderOnceAndWhole() {
        shopify.serveOrders(900, 3);
        List<ShopOrder> expected = pagedOrders();
        shopify.operations.clear();
        Cursor cursor = startOrders();
        String failed = BulkExport.BulkCursor.of(cursor, "orders").operation();
        long failedId = Long.parseLong(failed.substring(failed.lastIndexOf('/') + 1));
        // Shopify's partial data: the first 25 orders with their lines, then an order cut off before its lines
        String partial = String.join("\n", shopify.bulkResults.get(failedId).lines().limit(101).toList()) + "\n";
        server.stubFor(get(urlPathMatching("/bulk-partial/.*")).atPriority(SPECIFIC)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/jsonl").withBody(partial)));
        ObjectNode answer = (ObjectNode) readTree(resource("bulk-failed-timeout.json"));
        ((ObjectNode) answer.at("/data/bulkOperation")).put("id", failed)
                .put("partialDataUrl", server.baseUrl() + "/bulk-partial/" + failedId + ".jsonl?X-Goog-Signature=abc123");
        server.stubFor(post(urlPathEqualTo(GRAPHQL)).atPriority(SPECIFIC)
                .withRequestBody(matchingJsonPath("$.operationName", equalTo("BulkOperation")))
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo(failed))).willReturn(okJson(answer.toString())));

        List<ShopOrder> all = collect(c -> connector.orders(connection(), FIRST_SYNC, c), cursor);

        // every order once, each with all three lines: nothing of the failed operation was delivered
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(all).allSatisfy(o -> assertThat(o.lines()).hasSize(3));
        assertThat(server.findAll(getRequestedFor(urlPathMatching("/bulk-partial/.*")))).isEmpty();
        assertThat(count("BulkExport")).isEqualTo(2);

        Cursor lastTry = new BulkExport.BulkCursor("orders", failed, 0, 0, BulkExport.MAX_RESTARTS).cursor();
        assertThatThrownBy(() -> connector.orders(connection(), FIRST_SYNC, lastTry))
                .isInstanceOf(ShopUnavailableException.class).hasMessageContaining("TIMEOUT 4 times")
                .hasMessageContaining("partial data was not used");
        assertThat(server.findAll(getRequestedFor(urlPathMatching("/bulk-partial/.*")))).isEmpty();
    }

    @Test
    void anExpiredOperationOrLinkStartsANewExport() {
        Cursor cursor = startOrdersPolledAs("bulk-expired.json");
        Page<ShopOrder> afterExpiry = connector.orders(connection(), FIRST_SYNC, cursor);
        assertThat(afterExpiry.items()).isEmpty();
        assertThat(count("BulkExport")).isEqualTo(2);
        BulkExport.BulkCursor replacement = BulkExport.BulkCursor.of(afterExpiry.next().orElseThrow(), "orders");
        assertThat(replacement.restarts()).isEqualTo(1);
        assertThat(replacement.operation()).isNotEqualTo(BulkExport.BulkCursor.of(cursor, "orders").operation());

        server.resetAll();
        shopify.reset();
        shopify.serveOrders(30, 1);
        Cursor fresh = startOrders();
        server.stubFor(get(urlPathMatching("/bulk-results/.*")).atPriority(SPECIFIC)
                .willReturn(aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code></Error>")));
        Page<ShopOrder> afterLink = connector.orders(connection(), FIRST_SYNC, fresh);
        assertThat(afterLink.items()).isEmpty();
        assertThat(BulkExport.BulkCursor.of(afterLink.next().orElseThrow(), "orders").restarts()).isEqualTo(1);
        assertThat(count("BulkExport")).isEqualTo(2);
    }

    @Test
    void aMalformedLineIsMalformed() {
        shopify.serveOrders(30, 1);
        Cursor cursor = startOrders();
        String good = shopify.bulkResults.values().iterator().next();
        String broken = good.substring(0, good.indexOf('\n') + 1) + "{\"id\":\"gid://shopify/LineItem/1\",\"sku\":\n";
        server.stubFor(get(urlPathMatching("/bulk-results/.*")).atPriority(SPECIFIC).willReturn(aResponse().withBody(broken)));

        assertThatThrownBy(() -> connector.orders(connection(), FIRST_SYNC, cursor))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("line 2");
        assertThat(connector.bulkStreams()).isZero();
    }

    @Test
    void aChildThatDoesNotFollowItsParentIsMalformed() {
        shopify.serveOrders(30, 1);
        Cursor cursor = startOrders();
        String good = shopify.bulkResults.values().iterator().next();
        List<String> lines = new ArrayList<>(good.lines().toList());
        // the first order's line moved behind the second order: ungrouped output
        String child = lines.remove(1);
        lines.add(2, child);
        server.stubFor(get(urlPathMatching("/bulk-results/.*")).atPriority(SPECIFIC)
                .willReturn(aResponse().withBody(String.join("\n", lines) + "\n")));

        assertThatThrownBy(() -> connector.orders(connection(), FIRST_SYNC, cursor))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("groupObjects");
    }

    @Test
    void whenShopifyRunsTooManyExportsTheReadPages() {
        shopify.serveOrders(30, 1);
        stub("BulkExport", okJson(resource("bulk-limit-reached.json")));

        Page<ShopOrder> page = connector.orders(connection(), FIRST_SYNC, Cursor.start());

        assertThat(page.items()).hasSize(Queries.ORDERS);
        assertThat(page.next().orElseThrow().value()).startsWith("orders:");
    }

    @Test
    void whenAReplacementIsRefusedForTooManyExportsTheReadPagesFromTheStart() {
        Cursor cursor = startOrdersPolledAs("bulk-expired.json");
        stub("BulkExport", okJson(resource("bulk-limit-reached.json")));

        Page<ShopOrder> page = connector.orders(connection(), FIRST_SYNC, cursor);

        assertThat(page.items()).hasSize(Queries.ORDERS);
        assertThat(page.next().orElseThrow().value()).startsWith("orders:");
        assertThat(count("Orders")).isEqualTo(1);
    }

    @Test
    void aRefusedQueryIsMalformed() {
        shopify.serveOrders(30, 1);
        stub("BulkExport", okJson(resource("bulk-invalid.json")));

        assertThatThrownBy(() -> connector.orders(connection(), FIRST_SYNC, Cursor.start()))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("INVALID");
    }

    @Test
    void theThresholdDecidesAndIncrementalSyncsStayPaged() {
        shopify.serveOrders(30, 1);
        connector(31, Duration.ZERO).orders(connection(), FIRST_SYNC, Cursor.start());
        assertThat(shopify.operations).containsExactly("OrdersCount", "Orders");
        JsonNode countVariables = server.findAll(postRequestedFor(urlPathEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.operationName", equalTo("OrdersCount")))).stream()
                .map(r -> readTree(r.getBodyAsString()).path("variables")).findFirst().orElseThrow();
        assertThat(countVariables.path("limit").asLong()).isEqualTo(31);
        assertThat(countVariables.path("query").asText()).isEqualTo("created_at:>='2026-01-01T00:00:00Z'");

        shopify.operations.clear();
        connector(30, Duration.ZERO).orders(connection(), FIRST_SYNC, Cursor.start());
        assertThat(shopify.operations).containsExactly("OrdersCount", "BulkExport");

        shopify.operations.clear();
        connector(1, Duration.ZERO).orders(connection(), OrderQuery.modifiedSince(FIRST_SYNC.placedSince(),
                Instant.parse("2026-06-01T00:00:00Z")), Cursor.start());
        assertThat(shopify.operations).containsExactly("Orders");

        assertThat(new ShopifyConnector(ShopifyClient.withOwnPacing()).bulkThreshold()).isEqualTo(BulkExport.DEFAULT_THRESHOLD);
        assertThat(BulkExport.configuredThreshold("250")).isEqualTo(250);
        assertThat(BulkExport.configuredThreshold("0")).isEqualTo(BulkExport.DEFAULT_THRESHOLD);
        assertThat(BulkExport.configuredThreshold("many")).isEqualTo(BulkExport.DEFAULT_THRESHOLD);

        // off: no count, paged even for a large shop
        shopify.operations.clear();
        connector(BulkExport.configuredThreshold("off"), Duration.ZERO).orders(connection(), FIRST_SYNC, Cursor.start());
        assertThat(shopify.operations).containsExactly("Orders");
    }

    @Test
    void aBulkExportCostsAFewPointsInsteadOfTwelveThousandPer1000Orders() {
        shopify.serveOrders(1_000, 2);
        ShopifyConnector standard = new ShopifyConnector(ShopifyClient.withOwnPacing());

        List<ShopOrder> all = collect(cursor -> standard.orders(connection(), FIRST_SYNC, cursor), Cursor.start());

        assertThat(all).hasSize(1_000);
        // count 1 + mutation 10 + one poll per page (3,000 lines: 3 pages) = 14
        assertThat(shopify.operations).containsExactly("OrdersCount", "BulkExport", "BulkOperation", "BulkOperation", "BulkOperation");
        assertThat(shopify.actualTotal).isEqualTo(14);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
