package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Date filters read Pacific wall-clock values with ShipStation's documented boundaries. */
class OrderFiltersTest {

    static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static ShopSimulator shop;
    static SimulatorHttp http;
    static List<JsonNode> orders;

    @BeforeAll
    static void start() {
        shop = ShopSimulator.builder().seed(3).products(400).orders(4_000)
                .now(Instant.parse("2026-11-20T20:00:00Z")).noRateLimit().start();
        http = new SimulatorHttp(shop);
        orders = http.all("/orders", "orders", "");
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static LocalDateTime time(JsonNode order, String field) {
        return LocalDateTime.parse(order.get(field).asText());
    }

    private static List<Long> ids(List<JsonNode> list) {
        return list.stream().map(o -> o.get("orderId").asLong()).sorted().collect(Collectors.toList());
    }

    /** Asks the server with one filter and compares with the same rule applied to the full list. */
    private static void assertFilter(String param, String value, String field,
            BiPredicate<LocalDateTime, LocalDateTime> keep) {
        LocalDateTime bound = LocalDateTime.parse(value.length() == 10 ? value + "T00:00:00" : value.replace(' ', 'T'));
        List<JsonNode> expected = orders.stream().filter(o -> keep.test(time(o, field), bound)).toList();
        List<JsonNode> served = http.all("/orders", "orders", param + "=" + SimulatorHttp.q(value));
        assertThat(ids(served)).as("%s=%s", param, value).isEqualTo(ids(expected));
        assertThat(served).as("%s=%s should select something", param, value).isNotEmpty();
    }

    @Test
    void orderDateStartIsGreaterThanAndOrderDateEndIsLessOrEqual() {
        JsonNode pivot = orders.get(1_234);
        String exact = time(pivot, "orderDate").toString(); // ISO with the order's own milliseconds
        assertFilter("orderDateStart", exact, "orderDate", LocalDateTime::isAfter);
        assertFilter("orderDateEnd", exact, "orderDate", (t, b) -> !t.isAfter(b));
        assertThat(ids(http.all("/orders", "orders", "orderDateEnd=" + SimulatorHttp.q(exact))))
                .contains(pivot.get("orderId").asLong());
        assertThat(ids(http.all("/orders", "orders", "orderDateStart=" + SimulatorHttp.q(exact))))
                .doesNotContain(pivot.get("orderId").asLong());
        assertFilter("orderDateStart", "2026-10-15 13:00:00", "orderDate", LocalDateTime::isAfter);
        assertFilter("orderDateEnd", "2026-10-15", "orderDate", (t, b) -> !t.isAfter(b));
    }

    @Test
    void createAndModifyDatesAreAfterStartAndBeforeEnd() {
        assertFilter("createDateStart", "2026-11-01 08:30:00", "createDate", LocalDateTime::isAfter);
        assertFilter("createDateEnd", "2026-11-01T08:30:00", "createDate", LocalDateTime::isBefore);
        assertFilter("modifyDateStart", "2026-11-10 00:00:00", "modifyDate", LocalDateTime::isAfter);
        assertFilter("modifyDateEnd", "2026-11-10", "modifyDate", LocalDateTime::isBefore);
    }

    @Test
    void filtersCombineWithStatusAndPaging() {
        String query = "orderStatus=awaiting_shipment&sortBy=OrderDate&orderDateStart="
                + SimulatorHttp.q("2026-10-01 00:00:00") + "&modifyDateEnd=" + SimulatorHttp.q("2026-11-15 12:00:00");
        List<JsonNode> expected = orders.stream()
                .filter(o -> o.get("orderStatus").asText().equals("awaiting_shipment"))
                .filter(o -> time(o, "orderDate").isAfter(LocalDateTime.parse("2026-10-01T00:00:00")))
                .filter(o -> time(o, "modifyDate").isBefore(LocalDateTime.parse("2026-11-15T12:00:00")))
                .toList();
        JsonNode small = http.json("/orders?pageSize=7&" + query);
        assertThat(small.get("total").asInt()).isEqualTo(expected.size());
        assertThat(small.get("pages").asInt()).isEqualTo((expected.size() + 6) / 7);
        assertThat(ids(http.all("/orders", "orders", query))).isEqualTo(ids(expected));
    }

    @Test
    void theRepeatedAutumnHourHoldsOrdersFromBothOffsets() {
        // 2026-11-01 01:00–02:00 happens twice (PDT, then PST): twice as many orders land on that wall-clock hour.
        try (ShopSimulator autumn = ShopSimulator.builder().seed(5).products(100).orders(6_000).orderDays(10)
                .now(Instant.parse("2026-11-06T20:00:00Z")).noRateLimit().start()) {
            SimulatorHttp client = new SimulatorHttp(autumn);
            int before = hourCount(client, "2026-11-01T00");
            int repeated = hourCount(client, "2026-11-01T01");
            int after = hourCount(client, "2026-11-01T02");
            assertThat(repeated).isGreaterThan(before + before / 3).isGreaterThan(after + after / 3);
        }
    }

    @Test
    void theSkippedSpringHourHasNoOrders() {
        try (ShopSimulator spring = ShopSimulator.builder().seed(5).products(100).orders(6_000).orderDays(10)
                .now(Instant.parse("2026-03-12T20:00:00Z")).noRateLimit().start()) {
            SimulatorHttp client = new SimulatorHttp(spring);
            assertThat(hourCount(client, "2026-03-08T01")).isPositive();
            assertThat(hourCount(client, "2026-03-08T02")).isZero();
            assertThat(hourCount(client, "2026-03-08T03")).isPositive();
            List<JsonNode> all = client.all("/orders", "orders", "");
            assertThat(all).noneMatch(o -> o.get("orderDate").asText().startsWith("2026-03-08T02:"));
        }
    }

    /** Orders placed in the wall-clock hour starting at {@code hour} ("yyyy-MM-ddTHH"). */
    private static int hourCount(SimulatorHttp client, String hour) {
        LocalDateTime start = LocalDateTime.parse(hour + ":00:00");
        String query = "/orders?pageSize=1&orderDateStart=" + SimulatorHttp.q(start.minusNanos(1_000_000).toString())
                + "&orderDateEnd=" + SimulatorHttp.q(start.plusHours(1).minusNanos(1_000_000).toString());
        return client.json(query).get("total").asInt();
    }

    @Test
    void wallClockFormatWithASpaceWorksLikeTheIsoForm() {
        LocalDateTime at = LocalDateTime.parse("2026-10-20T17:45:00");
        JsonNode spaced = http.json("/orders?pageSize=1&orderDateStart=" + SimulatorHttp.q(at.format(WALL)));
        JsonNode iso = http.json("/orders?pageSize=1&orderDateStart=" + SimulatorHttp.q(at.toString() + ":00"));
        JsonNode plus = http.json("/orders?pageSize=1&orderDateStart=" + at.format(WALL).replace(' ', '+'));
        assertThat(spaced.get("total")).isEqualTo(iso.get("total")).isEqualTo(plus.get("total"));
    }
}
