package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagingAndSortingTest {

    static ShopSimulator shop;
    static SimulatorHttp http;

    @BeforeAll
    static void start() {
        shop = ShopSimulator.builder().seed(11).products(1_234).orders(2_345)
                .now(Instant.parse("2026-11-20T20:00:00Z")).noRateLimit().start();
        http = new SimulatorHttp(shop);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void envelopeCountsPagesAsCeilingOfTotalOverPageSize() {
        JsonNode first = http.json("/orders?pageSize=100&page=1");
        assertThat(first.get("total").asInt()).isEqualTo(2_345);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("pages").asInt()).isEqualTo(24);
        assertThat(first.get("orders")).hasSize(100);
        assertThat(fieldNames(first)).containsExactly("orders", "total", "page", "pages");

        JsonNode last = http.json("/orders?pageSize=100&page=24");
        assertThat(last.get("orders")).hasSize(45);
        JsonNode beyond = http.json("/orders?pageSize=100&page=25");
        assertThat(beyond.get("orders")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(2_345);
        assertThat(beyond.get("pages").asInt()).isEqualTo(24);

        JsonNode exact = http.json("/orders?pageSize=2345");
        assertThat(exact.get("pages").asInt()).as("pageSize capped at 500").isEqualTo(5);
        assertThat(exact.get("orders")).hasSize(500);
    }

    @Test
    void emptyResultHasZeroPages() {
        JsonNode none = http.json("/orders?orderDateStart=2030-01-01&pageSize=50");
        assertThat(none.get("orders")).isEmpty();
        assertThat(none.get("total").asInt()).isZero();
        assertThat(none.get("pages").asInt()).isZero();
        JsonNode noProducts = http.json("/products?sku=NOPE-NOPE-250-WB");
        assertThat(noProducts.get("products")).isEmpty();
        assertThat(noProducts.get("pages").asInt()).isZero();
        assertThat(fieldNames(noProducts)).containsExactly("products", "total", "page", "pages");
    }

    @Test
    void defaultPageSizeIsOneHundredAndPageDefaultsToOne() {
        JsonNode page = http.json("/products");
        assertThat(page.get("products")).hasSize(100);
        assertThat(page.get("page").asInt()).isEqualTo(1);
    }

    @Test
    void aSmallerPageSizeCapIsHonoured() {
        shop.setPageSizeCap(50);
        try {
            assertThat(http.json("/orders?pageSize=500").get("orders")).hasSize(50);
        } finally {
            shop.setPageSizeCap(500);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pageSize=abc", "pageSize=0", "sortBy=Price", "sortDir=UP", "orderStatus=lost",
        "orderDateStart=yesterday", "modifyDateStart=2026-11-01T00:00:00Z"})
    void badQueriesAre400WithAMessage(String query) {
        var response = http.get("/orders?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorHttp.parse(response.body()).get("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"OrderDate,orderDate", "ModifyDate,modifyDate", "CreateDate,createDate"})
    void ordersSortStablyByTheKeyThenOrderId(String sortBy, String field) {
        List<JsonNode> asc = http.all("/orders", "orders", "sortBy=" + sortBy + "&sortDir=ASC");
        List<JsonNode> desc = http.all("/orders", "orders", "sortBy=" + sortBy + "&sortDir=DESC");
        Comparator<JsonNode> key = Comparator.<JsonNode, String>comparing(o -> o.get(field).asText())
                .thenComparingLong(o -> o.get("orderId").asLong());
        assertThat(asc).hasSize(2_345).isSortedAccordingTo(key);
        assertThat(desc).isSortedAccordingTo(key.reversed());
        assertThat(ids(asc)).doesNotHaveDuplicates();
        // Same query, same order: paging twice gives identical sequences.
        assertThat(ids(http.all("/orders", "orders", "sortBy=" + sortBy + "&sortDir=ASC"))).isEqualTo(ids(asc));
    }

    @Test
    void withoutSortByOrdersComeInOrderIdOrder() {
        List<Long> ids = ids(http.all("/orders", "orders", ""));
        List<Long> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertThat(ids).isEqualTo(sorted);
    }

    @Test
    void modifyDateTiesAreBrokenByOrderId() {
        // One mutation gives every changed order the same modifyDate: real ties to page through.
        shop.mutateOrders(30);
        List<JsonNode> asc = http.all("/orders", "orders", "sortBy=ModifyDate&sortDir=ASC");
        List<JsonNode> tail = asc.subList(asc.size() - 30, asc.size());
        assertThat(tail.stream().map(o -> o.get("modifyDate").asText()).distinct()).hasSize(1);
        assertThat(ids(tail)).isSorted();
    }

    @ParameterizedTest
    @CsvSource({"SKU,sku", "ModifyDate,modifyDate", "CreateDate,createDate"})
    void productsSortStablyByTheKeyThenProductId(String sortBy, String field) {
        List<JsonNode> asc = http.all("/products", "products", "showInactive=true&sortBy=" + sortBy);
        Comparator<JsonNode> key = Comparator.<JsonNode, String>comparing(p -> p.get(field).asText(),
                        field.equals("sku") ? Comparator.naturalOrder() : Comparator.comparing(PagingAndSortingTest::padded))
                .thenComparingLong(p -> p.get("productId").asLong());
        assertThat(asc).hasSize(1_234).isSortedAccordingTo(key);
        List<JsonNode> desc = http.all("/products", "products", "showInactive=true&sortDir=DESC&sortBy=" + sortBy);
        assertThat(desc).isSortedAccordingTo(key.reversed());
    }

    /** Product stamps trim trailing zeros, so they compare as text only once padded. */
    private static String padded(String stamp) {
        return stamp.length() == 19 ? stamp + ".000" : (stamp + "000").substring(0, 23);
    }

    @Test
    void productFiltersBySkuAndName() {
        JsonNode bySku = http.json("/products?sku=eth-guji-250-wb");
        assertThat(bySku.get("total").asInt()).isEqualTo(1);
        assertThat(bySku.get("products").get(0).get("sku").asText()).isEqualTo("ETH-GUJI-250-WB");
        List<JsonNode> byName = http.all("/products", "products", "showInactive=true&name=" + SimulatorHttp.q("guji - 1 kg"));
        assertThat(byName).isNotEmpty()
                .allMatch(p -> p.get("name").asText().toLowerCase().contains("guji - 1 kg"));
    }

    private static List<Long> ids(List<JsonNode> orders) {
        return orders.stream().map(o -> o.get("orderId").asLong()).collect(Collectors.toList());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
