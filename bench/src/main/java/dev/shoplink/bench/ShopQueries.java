package dev.shoplink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The ShipStation queries the host sends for a sync, and the counts the benchmarks read from the simulator
 * with them (outside any timing).
 */
final class ShopQueries {
    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ShopQueries() {
    }

    static String productsQuery() {
        // what ShipStationConnector.listings sends for ListingQuery.everything()
        return "pageSize=500&sortBy=CreateDate&sortDir=ASC&showInactive=true";
    }

    static String ordersQuery(LocalDate syncStart) {
        // what ShipStationConnector.orders sends for OrderQuery.placedSince(start of syncStart, UTC)
        String start = syncStart.atStartOfDay(ZoneOffset.UTC).withZoneSameInstant(PACIFIC).format(QUERY_TIME);
        return "pageSize=500&sortBy=OrderDate&sortDir=ASC&orderDateStart=" + URLEncoder.encode(start, StandardCharsets.UTF_8);
    }

    /** Lines of the orders in the window that the host keeps (not on hold), counted once outside any timing. */
    static long countLines(ShopSimulator shop, String ordersQuery) {
        HttpClient client = HttpClient.newHttpClient();
        long lines = 0;
        int pages = 1;
        for (int page = 1; page <= pages && page <= 10_000; page++) {
            JsonNode body = get(client, shop, "/orders?page=" + page + "&" + ordersQuery, Duration.ofSeconds(60),
                    "cannot count the order lines: ");
            pages = body.path("pages").asInt();
            for (JsonNode order : body.path("orders")) {
                if (!"on_hold".equals(order.path("orderStatus").asText())) {
                    lines += order.path("items").size();
                }
            }
        }
        return lines;
    }

    /** Orders the sync window holds, read from {@code total} of a one-item page. */
    static int countOrders(ShopSimulator shop, LocalDate syncStart) {
        JsonNode body = get(HttpClient.newHttpClient(), shop,
                "/orders?page=1&" + ordersQuery(syncStart).replace("pageSize=500", "pageSize=1"), Duration.ofSeconds(30),
                "cannot count the shop's orders: ");
        return body.path("total").asInt();
    }

    private static JsonNode get(HttpClient client, ShopSimulator shop, String pathAndQuery, Duration timeout, String failure) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + pathAndQuery))
                .header("Authorization", shop.authorization()).timeout(timeout).build();
        try {
            return Api.JSON.readTree(client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        } catch (IOException e) {
            throw new IllegalStateException(failure + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
