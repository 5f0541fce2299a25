package dev.shoplink.host.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Every listing and order an integration holds, read over the admin API and keyed by the shop's ids. */
public final class Snapshots {
    private Snapshots() {
    }

    static Map<String, String> of(Function<String, TestHost.Response> get, long integrationId) {
        return ofJson(path -> get.apply(path).json(), integrationId);
    }

    /** {@link #of} for a client that answers a path with the parsed body (e.g. one that calls a child host's port). */
    public static Map<String, String> ofJson(Function<String, JsonNode> get, long integrationId) {
        Map<String, String> rows = new TreeMap<>();
        for (int page = 1; ; page++) {
            JsonNode listings = get.apply("/api/v1/integrations/" + integrationId + "/listings?includeHidden=true&size=500&page="
                    + page);
            for (JsonNode l : listings.get("items")) {
                String previous = rows.put("listing " + l.get("externalId").asText(),
                        l.get("sku").asText() + "|" + l.get("name").asText() + "|" + l.get("offered").asBoolean());
                assertThat(previous).as("listing stored twice: " + l).isNull();
            }
            if (page * 500L >= listings.get("total").asLong()) {
                break;
            }
        }
        // orders through the next links: a total above 10,000 is capped ("10,000+"), so it cannot say where to stop
        String link = "/api/v1/orders?integrationId=" + integrationId + "&size=500";
        while (link != null) {
            JsonNode orders = get.apply(link);
            for (JsonNode o : orders.get("items")) {
                List<String> items = new ArrayList<>();
                o.get("items").forEach(i -> items.add(i.get("sku").asText() + "x" + i.get("quantity").asInt()));
                String previous = rows.put("order " + o.get("externalRef").asText(),
                        o.get("externalStatus").asText() + "|" + o.get("orderDate").asText() + "|" + items);
                assertThat(previous).as("order stored twice: " + o.get("externalRef")).isNull();
            }
            link = orders.hasNonNull("next") ? orders.get("next").asText() : null;
        }
        return rows;
    }

    /** The setup form of a ShipStation integration against the simulated shop. */
    public static Map<String, Object> form(ShopSimulator shop, String name, String shopUrl) {
        return Map.of("connector", "shipstation", "name", name, "customerType", "RETAIL", "shopUrl", shopUrl,
                "credentials", Map.of("apiKey", shop.apiKey(), "apiSecret", shop.apiSecret()),
                "syncStartDate", LocalDate.now(ZoneOffset.UTC).minusDays(30).toString());
    }

    /** What one clean, uninterrupted sync of the shop stores, by an in-process host in {@code dir}. */
    static Map<String, String> cleanRun(Path dir, ShopSimulator shop) {
        try (TestHost clean = TestHost.start(dir, shop.baseUrl())) {
            long id = clean.post("/api/v1/integrations", form(shop, "Clean", "https://clean.example.com")).json().get("id").asLong();
            long syncId = clean.post("/api/v1/integrations/" + id + "/sync", Map.of("scope", "all")).json().get("syncId").asLong();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> clean.get("/api/v1/syncs/" + syncId).json().get("state").asText().equals("SUCCEEDED"));
            return of(clean::get, id);
        }
    }

    /** What differs between a reference and another snapshot, one line each (empty when equal). */
    public static List<String> differences(Map<String, String> reference, Map<String, String> other) {
        List<String> out = new ArrayList<>();
        reference.forEach((k, v) -> {
            if (!v.equals(other.get(k))) {
                out.add(k + ": expected " + v + " but was " + other.get(k));
            }
        });
        other.keySet().stream().filter(k -> !reference.containsKey(k)).forEach(k -> out.add(k + ": not in the reference"));
        return out.size() > 20 ? List.copyOf(out.subList(0, 20)) : out;
    }
}
