package dev.shoplink.host.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The admin API calls end-to-end tests repeat, each checking its status code. */
public final class AdminCalls {
    private static final AtomicInteger SHOPS = new AtomicInteger();

    private final TestHost host;

    public AdminCalls(TestHost host) {
        this.host = host;
    }

    public TestHost host() {
        return host;
    }

    /** A setup form for a new shop: a name and a shop URL no other test uses. */
    public Map<String, Object> integrationBody(TestShopAccount account, LocalDate syncStartDate) {
        int n = SHOPS.incrementAndGet();
        return integrationBody(account, "Main store " + n, "https://shop" + n + ".example.com", syncStartDate);
    }

    public Map<String, Object> integrationBody(TestShopAccount account, String name, String shopUrl,
                                               LocalDate syncStartDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", account.connectorId());
        body.put("name", name);
        body.put("customerType", "RETAIL");
        body.put("shopUrl", shopUrl);
        body.put("credentials", account.credentials());
        body.put("syncStartDate", syncStartDate.toString());
        return body;
    }

    /** Creates an integration and returns it. */
    public JsonNode createIntegration(Map<String, Object> body) {
        TestHost.Response r = host.post("/api/v1/integrations", body);
        assertThat(r.status()).as("create integration: %s", r).isEqualTo(201);
        return r.json();
    }

    public long createIntegration(TestShopAccount account, LocalDate syncStartDate) {
        return createIntegration(integrationBody(account, syncStartDate)).get("id").asLong();
    }

    public JsonNode integration(long id) {
        TestHost.Response r = host.get("/api/v1/integrations/" + id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** Requests a sync of that scope; returns its id. */
    public long startSync(long integrationId, String scope) {
        TestHost.Response r = host.post("/api/v1/integrations/" + integrationId + "/sync", Map.of("scope", scope));
        assertThat(r.status()).as("start sync: %s", r).isEqualTo(202);
        return r.json().get("syncId").asLong();
    }

    public JsonNode sync(long syncId) {
        TestHost.Response r = host.get("/api/v1/syncs/" + syncId);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** Waits until the sync has finished either way and returns it. */
    public JsonNode awaitFinished(long syncId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> sync(syncId), s -> s.get("state").asText().equals("SUCCEEDED")
                        || s.get("state").asText().equals("FAILED"));
    }

    /** Waits until the sync has finished, recording the view each time the polls see its state change. */
    public JsonNode awaitFinished(long syncId, List<JsonNode> changes) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode s = sync(syncId);
                    if (changes.isEmpty() || !changes.get(changes.size() - 1).get("state").equals(s.get("state"))) {
                        changes.add(s);
                    }
                    return s;
                }, s -> s.get("state").asText().equals("SUCCEEDED") || s.get("state").asText().equals("FAILED"));
    }

    /** Runs a sync to the end and checks it succeeded. */
    public JsonNode syncAndWait(long integrationId, String scope) {
        JsonNode done = awaitFinished(startSync(integrationId, scope));
        assertThat(done.get("state").asText()).as("sync ended: %s", done).isEqualTo("SUCCEEDED");
        return done;
    }

    /** Listing items of an integration for that query string (without '?'). */
    public List<JsonNode> listings(long integrationId, String query) {
        TestHost.Response r = host.get("/api/v1/integrations/" + integrationId + "/listings?size=500"
                + (query.isEmpty() ? "" : "&" + query));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    /** The listing of that shop product, hidden or not. */
    public JsonNode listing(long integrationId, long productId) {
        return listing(integrationId, Long.toString(productId));
    }

    /** The listing with that shop id, hidden or not. */
    public JsonNode listing(long integrationId, String externalId) {
        return listings(integrationId, "includeHidden=true").stream()
                .filter(l -> l.get("externalId").asText().equals(externalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no listing for product " + externalId));
    }

    /** One wizard row. */
    public static Map<String, Object> row(long listingId, Map<String, Object> product, String unit, String grindStyle) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("listingId", listingId);
        row.put("product", product);
        row.put("unit", unit);
        row.put("grindStyle", grindStyle);
        return row;
    }

    public static Map<String, Object> productNamed(String name) {
        return Map.of("name", name);
    }

    public static Map<String, Object> productId(long id) {
        return Map.of("id", id);
    }

    /** The wizard's "Save and finish". */
    @SafeVarargs
    public final TestHost.Response map(long integrationId, Map<String, Object>... rows) {
        return host.post("/api/v1/integrations/" + integrationId + "/mappings", Map.of("mappings", List.of(rows)));
    }

    /** {@code GET /api/v1/orders} with that query string (without '?'). */
    public JsonNode orders(String query) {
        TestHost.Response r = host.get("/api/v1/orders?size=500" + (query.isEmpty() ? "" : "&" + query));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /**
     * An answer's items by the value of their {@code field} (a SKU, an order number), to compare with JsonUnit when
     * the answer's order is no part of what is checked: a difference then names the item by that key and the field.
     */
    public static Map<String, JsonNode> keyedBy(String field, Iterable<JsonNode> items) {
        Map<String, JsonNode> out = new TreeMap<>();
        items.forEach(item -> out.put(item.get(field).asText(), item));
        return out;
    }

    /** The imported order with that shop order number. */
    public JsonNode orderByRef(String externalRef) {
        JsonNode items = orders("q=" + externalRef).get("items");
        for (JsonNode o : items) {
            if (o.get("externalRef").asText().equals(externalRef)) {
                return o;
            }
        }
        throw new AssertionError("no order " + externalRef + " in " + items);
    }
}
