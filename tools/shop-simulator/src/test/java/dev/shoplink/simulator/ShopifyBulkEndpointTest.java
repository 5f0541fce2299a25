package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shopify's bulk query operations on the simulator: the mutation, polling, the JSONL download and its limits. */
class ShopifyBulkEndpointTest {

    static final String RUN = """
            mutation Run($query: String!, $group: Boolean!) {
              bulkOperationRunQuery(query: $query, groupObjects: $group) {
                bulkOperation { id status url }
                userErrors { field message code }
              }
            }""";
    static final String POLL = """
            query Poll($id: ID!) {
              bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url partialDataUrl }
            }""";
    static final String ORDERS = "{ orders(query: \"%s\") { edges { node { id name"
            + " lineItems { edges { node { id sku quantity } } } } } } }";
    static final String PRODUCTS = "{ products { edges { node { id title variants { edges { node { id sku } } } } } } }";

    MutableClock clock;
    ShopSimulator shop;
    SimulatorHttp http;

    @BeforeEach
    void start() {
        clock = new MutableClock(ShopifyEndpointTest.GENERATED);
        shop = ShopSimulator.builder().seed(11).products(130).orders(300).clock(clock).noRateLimit().start();
        http = new SimulatorHttp(shop);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    JsonNode graphql(String version, String query, String operation, ObjectNode variables) throws Exception {
        ObjectNode body = SimulatorHttp.MAPPER.createObjectNode().put("query", query).put("operationName", operation);
        body.set("variables", variables);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(shop.baseUrl() + "/admin/api/" + version + "/graphql.json"))
                .header("X-Shopify-Access-Token", shop.shopifyAccessToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = SimulatorHttp.parse(response.body());
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.get("data");
    }

    JsonNode run(String version, String query, boolean group) throws Exception {
        return graphql(version, RUN, "Run", SimulatorHttp.MAPPER.createObjectNode().put("query", query).put("group", group))
                .get("bulkOperationRunQuery");
    }

    JsonNode poll(String id) throws Exception {
        return graphql(ShopSimulator.SHOPIFY_API_VERSION, POLL, "Poll", SimulatorHttp.MAPPER.createObjectNode().put("id", id))
                .get("bulkOperation");
    }

    JsonNode completed(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode op = poll(id);
        while (op.get("status").asText().matches("CREATED|RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            op = poll(id);
        }
        return op;
    }

    HttpResponse<String> download(String url, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build());
    }

    static List<JsonNode> lines(String body) {
        List<JsonNode> lines = new ArrayList<>();
        body.lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(SimulatorHttp.parse(l)));
        return lines;
    }

    @Test
    void exportsEveryOrderWithItsLinesDirectlyAfterItWhenGrouped() throws Exception {
        JsonNode started = run(ShopSimulator.SHOPIFY_API_VERSION, ORDERS.formatted("created_at:>='2000-01-01T00:00:00Z'"), true);
        assertThat(started.get("userErrors")).isEmpty();
        String id = started.at("/bulkOperation/id").asText();
        assertThat(id).matches("gid://shopify/BulkOperation/\\d+");
        assertThat(started.at("/bulkOperation/status").asText()).isIn("CREATED", "RUNNING", "COMPLETED");

        JsonNode op = completed(id);
        assertThat(op.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(op.get("errorCode").isNull()).isTrue();
        assertThat(op.get("partialDataUrl").isNull()).isTrue();
        HttpResponse<String> file = download(op.get("url").asText(), null);
        assertThat(file.statusCode()).isEqualTo(200);
        List<JsonNode> lines = lines(file.body());
        assertThat(lines).hasSize(op.get("objectCount").asInt());

        Set<String> orders = new HashSet<>();
        String current = null;
        int lineItems = 0;
        for (JsonNode line : lines) {
            if (line.has("__parentId")) {
                assertThat(line.get("__parentId").asText()).isEqualTo(current);
                assertThat(line.get("id").asText()).startsWith("gid://shopify/LineItem/");
                assertThat(line.get("quantity").asInt()).isPositive();
                lineItems++;
            } else {
                current = line.get("id").asText();
                assertThat(line.has("lineItems")).isFalse();
                assertThat(orders.add(current)).isTrue();
            }
        }
        assertThat(orders).hasSize(300).hasSize(op.get("rootObjectCount").asInt());
        assertThat(lineItems).isGreaterThan(300);

        // a reader restarting mid-file asks for the rest
        int cut = file.body().indexOf('\n', file.body().length() / 2) + 1;
        HttpResponse<String> rest = download(op.get("url").asText(), "bytes=" + cut + "-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(file.body().substring(cut));
    }

    @Test
    void withoutGroupingChildrenFollowTheirParentButNotDirectly() throws Exception {
        JsonNode op = completed(run(ShopSimulator.SHOPIFY_API_VERSION, PRODUCTS, false).at("/bulkOperation/id").asText());
        List<JsonNode> lines = lines(download(op.get("url").asText(), null).body());
        Set<String> seen = new HashSet<>();
        String previousParent = null;
        boolean notDirectly = false;
        for (JsonNode line : lines) {
            if (line.has("__parentId")) {
                assertThat(seen).contains(line.get("__parentId").asText());
                notDirectly |= !line.get("__parentId").asText().equals(previousParent);
            } else {
                previousParent = line.get("id").asText();
                seen.add(previousParent);
            }
        }
        assertThat(notDirectly).isTrue();
        assertThat(seen).hasSize(op.get("rootObjectCount").asInt());
    }

    @Test
    void noResultsMeansNoUrlAndOldLinksExpire() throws Exception {
        JsonNode empty = completed(run(ShopSimulator.SHOPIFY_API_VERSION, ORDERS.formatted("created_at:>='2099-01-01T00:00:00Z'"), true)
                .at("/bulkOperation/id").asText());
        assertThat(empty.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(empty.get("objectCount").asText()).isEqualTo("0");
        assertThat(empty.get("url").isNull()).isTrue();

        JsonNode op = completed(run(ShopSimulator.SHOPIFY_API_VERSION, PRODUCTS, true).at("/bulkOperation/id").asText());
        String url = op.get("url").asText();
        assertThat(download(url.replace("signature=", "signature=0"), null).statusCode()).isEqualTo(403);
        clock.advance(Duration.ofDays(7));
        assertThat(poll(op.get("id").asText()).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(poll(op.get("id").asText()).get("url").isNull()).isTrue();
        assertThat(download(url, null).statusCode()).isEqualTo(400);
    }

    @Test
    void runningOperationsAreLimitedPerVersionAndTheMutationCostsTenPoints() throws Exception {
        shop.setShopifyBulkDelay(Duration.ofSeconds(2));
        long before = shop.shopifyPointsCharged();
        JsonNode first = run("2025-10", PRODUCTS, true);
        assertThat(first.get("userErrors")).isEmpty();
        assertThat(shop.shopifyPointsCharged() - before).isEqualTo(10);
        JsonNode second = run("2025-10", PRODUCTS, true);
        assertThat(second.get("bulkOperation").isNull()).isTrue();
        assertThat(second.at("/userErrors/0/code").asText()).isEqualTo("OPERATION_IN_PROGRESS");
        for (int i = 0; i < 4; i++) {
            assertThat(run(ShopSimulator.SHOPIFY_API_VERSION, PRODUCTS, true).get("userErrors")).isEmpty();
        }
        JsonNode sixth = run(ShopSimulator.SHOPIFY_API_VERSION, PRODUCTS, true);
        assertThat(sixth.at("/userErrors/0/code").asText()).isEqualTo("LIMIT_REACHED");
        assertThat(poll(first.at("/bulkOperation/id").asText()).get("status").asText()).isEqualTo("CREATED");

        JsonNode invalid = run(ShopSimulator.SHOPIFY_API_VERSION, "{ shop { name } }", true);
        assertThat(invalid.at("/userErrors/0/code").asText()).isEqualTo("INVALID");
    }
}
