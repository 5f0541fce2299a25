package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Mutate K orders now" is what incremental-sync tests poll for with modifyDateStart. */
class MutationTest {

    static final Instant GENERATED = Instant.parse("2026-11-20T20:00:00Z"); // 12:00 PST

    MutableClock clock;
    ShopSimulator shop;
    SimulatorHttp http;

    @BeforeEach
    void start() {
        clock = new MutableClock(GENERATED);
        shop = ShopSimulator.builder().seed(21).products(200).orders(2_000).clock(clock).noRateLimit().start();
        http = new SimulatorHttp(shop);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private List<Long> modifiedAfter(String pacificWallClock) {
        return http.all("/orders", "orders", "sortBy=ModifyDate&sortDir=ASC&modifyDateStart="
                + SimulatorHttp.q(pacificWallClock)).stream().map(o -> o.get("orderId").asLong()).sorted().toList();
    }

    @Test
    void modifyDateStartPicksExactlyTheMutatedOrders() {
        assertThat(modifiedAfter("2026-11-20 11:59:00")).isEmpty();

        clock.advance(Duration.ofHours(1));
        MutationBatch first = shop.mutateOrders(25);
        assertThat(first.orderIds()).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(first.modifyDate()).isEqualTo("2026-11-20T13:00:00.0000000");
        assertThat(first.modifiedAt()).isEqualTo(Instant.parse("2026-11-20T21:00:00Z"));
        assertThat(modifiedAfter("2026-11-20 12:59:59")).isEqualTo(first.orderIds());

        clock.advance(Duration.ofMinutes(10));
        MutationBatch second = shop.mutateOrders(7);
        assertThat(modifiedAfter("2026-11-20 13:05:00")).isEqualTo(second.orderIds());
        assertThat(modifiedAfter("2026-11-20 12:59:59"))
                .containsExactlyInAnyOrderElementsOf(union(first.orderIds(), second.orderIds()));
        assertThat(shop.stats().mutatedOrders()).isEqualTo(32);
    }

    @Test
    void mutationsMoveStatusForwardAndKeepTheOrderConsistent() {
        Map<Long, JsonNode> before = new HashMap<>();
        http.all("/orders", "orders", "").forEach(o -> before.put(o.get("orderId").asLong(), o));
        clock.advance(Duration.ofMinutes(30));
        MutationBatch batch = shop.mutateOrders(300);
        int grown = 0;
        for (long id : batch.orderIds()) {
            JsonNode old = before.get(id);
            JsonNode now = http.json("/orders/" + id);
            assertThat(now.get("modifyDate").asText()).isEqualTo(batch.modifyDate());
            assertThat(LocalDateTime.parse(now.get("modifyDate").asText()))
                    .isAfterOrEqualTo(LocalDateTime.parse(now.get("createDate").asText()));
            assertThat(now.get("createDate")).isEqualTo(old.get("createDate"));
            assertThat(now.get("orderDate")).isEqualTo(old.get("orderDate"));
            String was = old.get("orderStatus").asText();
            String is = now.get("orderStatus").asText();
            switch (was) {
                case "awaiting_payment", "on_hold" -> assertThat(is).isEqualTo("awaiting_shipment");
                case "awaiting_shipment" -> assertThat(is).isIn("awaiting_shipment", "shipped");
                default -> assertThat(is).isEqualTo(was);
            }
            if (is.equals("shipped") && !was.equals("shipped")) {
                assertThat(now.get("shipDate").asText()).isEqualTo("2026-11-20");
            }
            int added = now.get("items").size() - old.get("items").size();
            assertThat(added).isBetween(0, 1);
            grown += added;
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode item : now.get("items")) {
                lines = lines.add(item.get("unitPrice").decimalValue()
                        .multiply(BigDecimal.valueOf(item.get("quantity").asInt())));
            }
            assertThat(now.get("orderTotal").decimalValue()).isEqualByComparingTo(
                    lines.add(now.get("shippingAmount").decimalValue()).add(now.get("taxAmount").decimalValue()));
            assertThat(SimulatorHttp.parse(http.get("/orders/" + id).body()).fieldNames())
                    .toIterable().containsExactlyElementsOf(ShopGenerationTest.ORDER_FIELDS);
        }
        assertThat(grown).as("some open orders gain a line").isPositive();
        Set<String> itemIds = new java.util.HashSet<>();
        http.all("/orders", "orders", "").forEach(o -> o.get("items").forEach(i -> itemIds.add(i.get("orderItemId").asText())));
        long itemCount = http.all("/orders", "orders", "").stream().mapToLong(o -> o.get("items").size()).sum();
        assertThat(itemIds).as("orderItemIds stay unique").hasSize((int) itemCount);
    }

    @Test
    void theSameSeedMutatesTheSameOrdersTheSameWay() {
        try (ShopSimulator twin = ShopSimulator.builder().seed(21).products(200).orders(2_000).clock(clock)
                .noRateLimit().start()) {
            clock.advance(Duration.ofMinutes(5));
            MutationBatch a = shop.mutateOrders(40);
            MutationBatch b = twin.mutateOrders(40);
            assertThat(b).isEqualTo(a);
            SimulatorHttp twinHttp = new SimulatorHttp(twin);
            String query = "/orders?pageSize=500&sortBy=ModifyDate&sortDir=DESC";
            assertThat(twinHttp.get(query).body()).isEqualTo(http.get(query).body());
        }
    }

    @Test
    void summerChangesAreStampedInDaylightTime() {
        MutableClock summer = new MutableClock(Instant.parse("2026-07-01T12:00:00Z"));
        try (ShopSimulator july = ShopSimulator.builder().products(20).orders(100).clock(summer).noRateLimit().start()) {
            summer.set(Instant.parse("2026-07-01T19:30:00Z"));
            assertThat(july.mutateOrders(3).modifyDate()).isEqualTo("2026-07-01T12:30:00.0000000");
        }
    }

    @Test
    void mutatingMoreThanThereAreChangesEveryOrderOnce() {
        clock.advance(Duration.ofSeconds(5));
        assertThat(shop.mutateOrders(5_000).orderIds()).hasSize(2_000).doesNotHaveDuplicates();
        assertThat(shop.mutateOrders(0).orderIds()).isEmpty();
    }

    private static List<Long> union(List<Long> a, List<Long> b) {
        java.util.ArrayList<Long> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
