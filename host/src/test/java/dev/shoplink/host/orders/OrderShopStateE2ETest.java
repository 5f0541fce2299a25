package dev.shoplink.host.orders;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orders respect their shop's state (docs/API.md, "Orders and the shop's state"): cancelled, shipped and unpaid
 * orders at import and after it, the open work, status changes that need an acknowledgement, and the order detail
 * with its lines resolved and its history.
 */
class OrderShopStateE2ETest {
    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<MemoryShop> running;
    static MemoryShop memoryShop;
    static TestHost host;
    static AdminCalls api;

    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final Instant RECENT = Instant.now().minus(Duration.ofHours(3));

    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        memoryShop = running.shop();
        host = running.host();
        api = running.api();
    }

    /** The shop's status and the state a connector reads from it (ShipStation's values). */
    static final Map<String, OrderState> STATES = Map.of("awaiting_payment", OrderState.PENDING,
            "awaiting_shipment", OrderState.PROCESSING, "shipped", OrderState.CLOSED, "cancelled", OrderState.CANCELLED);

    static ShopOrder order(long id, String ref, String status) {
        return changed(MemoryShop.order(Long.toString(id), ref, RECENT,
                MemoryShop.line(Long.toString(id * 10), "", "SS-" + id, 2, "12.50")), status, RECENT.plusSeconds(60));
    }

    /** The order in that shop status, last changed then. */
    static ShopOrder changed(ShopOrder order, String status, Instant modified) {
        return MemoryShop.changed(order, status, STATES.get(status), modified);
    }

    /** An integration of {@code shop} after a successful sync of {@code scope}; its id. */
    long synced(MemoryShop.Account shop, String scope) {
        long id = api.createIntegration(shop, START);
        assertThat(api.syncAndWait(id, scope).get("state").asText()).isEqualTo("SUCCEEDED");
        return id;
    }

    long idOf(String ref) {
        return api.orderByRef(ref).get("id").asLong();
    }

    JsonNode byRef(String ref) {
        return host.get("/api/v1/orders/" + idOf(ref)).json();
    }

    @Test
    void atImportCancelledIsArchivedShippedIsCompletedUnpaidIsFlaggedAndOnlyPaidIsOpenWork() {
        MemoryShop.Account shop = memoryShop.account().orders(order(9101, "IMP-CANCEL", "cancelled"),
                order(9102, "IMP-SHIP", "shipped"), order(9103, "IMP-UNPAID", "awaiting_payment"),
                order(9104, "IMP-PAID", "awaiting_shipment"));
        long id = synced(shop, "orders");

        JsonNode cancelled = byRef("IMP-CANCEL");
        assertThat(cancelled.get("status").asText()).as("a shop-cancelled order is no work").isEqualTo("ARCHIVED");
        assertThat(cancelled.get("attention").isNull()).isTrue();
        assertThat(cancelled.at("/history/0/reason").asText()).contains("cancelled");
        assertThat(cancelled.at("/history/0/from").isNull()).isTrue();
        assertThat(byRef("IMP-SHIP").get("status").asText()).isEqualTo("COMPLETED");
        JsonNode unpaid = byRef("IMP-UNPAID");
        assertThat(unpaid.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(unpaid.get("attention").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(byRef("IMP-PAID").get("attention").isNull()).isTrue();

        JsonNode open = api.orders("integrationId=" + id + "&open=true");
        assertThat(open.get("items")).extracting(o -> o.get("externalRef").asText()).containsExactly("IMP-PAID");

        // an unpaid order's status changes only with an acknowledgement
        long unpaidId = unpaid.get("id").asLong();
        TestHost.Response refused = host.patch("/api/v1/orders/" + unpaidId, Map.of("status", "IN_PROGRESS"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("/unacknowledged-warnings");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("status");
        assertThat(host.get("/api/v1/orders/" + unpaidId).json().get("status").asText()).isEqualTo("RECEIVED");
        TestHost.Response acknowledged = host.patch("/api/v1/orders/" + unpaidId,
                Map.of("status", "IN_PROGRESS", "acknowledgeWarnings", true));
        assertThat(acknowledged.status()).as("%s", acknowledged).isEqualTo(200);
        JsonNode history = host.get("/api/v1/orders/" + unpaidId).json().get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("from").asText()).isEqualTo("RECEIVED");
        assertThat(history.get(1).get("to").asText()).isEqualTo("IN_PROGRESS");
        assertThat(history.get(1).get("acknowledged").asBoolean()).isTrue();
    }

    @Test
    void cancelledOrShippedAfterImportIsFlaggedLeftOutOfOpenWorkAndNeedsAcknowledgement() {
        MemoryShop.Account shop = memoryShop.account().orders(order(9201, "LATE-CANCEL", "awaiting_shipment"),
                order(9202, "LATE-SHIP", "awaiting_shipment"));
        long id = synced(shop, "orders");
        long cancelId = idOf("LATE-CANCEL");
        long shipId = idOf("LATE-SHIP");
        assertThat(host.patch("/api/v1/orders/" + cancelId, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        assertThat(api.orders("integrationId=" + id + "&open=true").get("total").asInt()).isEqualTo(2);

        shop.put(changed(order(9201, "LATE-CANCEL", "cancelled"), "cancelled", Instant.now()),
                changed(order(9202, "LATE-SHIP", "shipped"), "shipped", Instant.now()));
        assertThat(api.syncAndWait(id, "orders").get("state").asText()).isEqualTo("SUCCEEDED");

        JsonNode cancelled = host.get("/api/v1/orders/" + cancelId).json();
        assertThat(cancelled.get("status").asText()).as("the roaster's status stays").isEqualTo("IN_PROGRESS");
        assertThat(cancelled.get("attention").asText()).isEqualTo("CANCELLED_IN_SHOP");
        assertThat(cancelled.get("attentionDetail").asText()).contains("cancelled");
        assertThat(api.orders("integrationId=" + id + "&open=true").get("total").asInt()).as("neither is open work").isZero();
        assertThat(api.orders("integrationId=" + id).get("items")).extracting(o -> o.get("attention").asText())
                .containsExactlyInAnyOrder("CANCELLED_IN_SHOP", "SHIPPED_BY_SHOP");

        TestHost.Response refused = host.patch("/api/v1/orders/" + cancelId, Map.of("status", "COMPLETED"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("acknowledgeWarnings");
        assertThat(host.patch("/api/v1/orders/" + cancelId, Map.of("status", "RECEIVED", "acknowledgeWarnings", true)).status())
                .isEqualTo(200);

        // completing a shop-shipped order agrees with the shop; moving it back into the plan does not
        assertThat(host.patch("/api/v1/orders/" + shipId, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(409);
        assertThat(host.patch("/api/v1/orders/" + shipId, Map.of("status", "COMPLETED")).status()).isEqualTo(200);
        JsonNode shipped = host.get("/api/v1/orders/" + shipId).json();
        assertThat(shipped.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(shipped.get("attention").isNull()).isTrue();
    }

    @Test
    void paidLaterBecomesOpenWorkAndACompletedOrderCancelledInTheShopIsFlagged() {
        MemoryShop.Account shop = memoryShop.account().orders(order(9401, "PAY-LATER", "awaiting_payment"),
                order(9402, "DONE-CANCEL", "awaiting_shipment"));
        long id = synced(shop, "orders");
        long payLaterId = idOf("PAY-LATER");
        long doneId = idOf("DONE-CANCEL");
        assertThat(host.get("/api/v1/orders/" + payLaterId).json().get("attention").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(host.patch("/api/v1/orders/" + doneId, Map.of("status", "COMPLETED")).status()).isEqualTo(200);
        assertThat(api.orders("integrationId=" + id + "&open=true").get("total").asInt()).as("neither is open work yet").isZero();

        shop.put(changed(order(9401, "PAY-LATER", "awaiting_shipment"), "awaiting_shipment", Instant.now()),
                changed(order(9402, "DONE-CANCEL", "cancelled"), "cancelled", Instant.now()));
        assertThat(api.syncAndWait(id, "orders").get("state").asText()).isEqualTo("SUCCEEDED");

        JsonNode paid = host.get("/api/v1/orders/" + payLaterId).json();
        assertThat(paid.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(paid.get("attention").isNull()).as("paid in the shop: no flag").isTrue();
        JsonNode done = host.get("/api/v1/orders/" + doneId).json();
        assertThat(done.get("status").asText()).as("the roaster's status stays").isEqualTo("COMPLETED");
        assertThat(done.get("attention").asText()).isEqualTo("CANCELLED_IN_SHOP");
        assertThat(api.orders("integrationId=" + id + "&open=true").get("items"))
                .extracting(o -> o.get("externalRef").asText()).containsExactly("PAY-LATER");
    }

    @Test
    void theDetailResolvesEveryLineOrSaysWhyNot() {
        MemoryShop.Account shop = memoryShop.account()
                .listings(MemoryShop.listing("931", "DET-931", "Detail Kenya - 340 g - Filter", RECENT),
                        MemoryShop.listing("932", "DET-932", "Detail Peru - 1 kg - Espresso", RECENT))
                .orders(MemoryShop.order("9301", "DETAIL-1", RECENT,
                        MemoryShop.line("93011", "931", "DET-931", 3, "10.00"),
                        MemoryShop.line("93012", "932", "DET-932", 1, "30.50")));
        long id = synced(shop, "all");
        long kenya = api.listings(id, "q=DET-931").get(0).get("id").asLong();
        assertThat(api.map(id, row(kenya, productNamed("Detail Kenya"), "340 g", "FILTER")).status()).isEqualTo(200);

        JsonNode detail = byRef("DETAIL-1");
        assertThat(detail.get("total").asText()).isEqualTo("60.50");
        assertThat(detail.get("shop").asText()).isNotBlank();
        assertThat(detail.at("/customer/address").asText()).isEqualTo("1 Oxford St");
        assertThat(detail.get("externalStatus").asText()).isEqualTo("awaiting_shipment");
        JsonNode first = detail.get("items").get(0);
        assertThat(first.get("lineTotal").asText()).isEqualTo("30.00");
        assertThat(first.at("/product/productName").asText()).isEqualTo("Detail Kenya");
        assertThat(first.at("/product/unit").asText()).isEqualTo("340 g");
        assertThat(first.at("/product/grindStyle").asText()).isEqualTo("FILTER");
        assertThat(first.at("/product/via").asText()).isEqualTo("mapping");
        JsonNode second = detail.get("items").get(1);
        assertThat(second.get("product").isNull()).isTrue();
        assertThat(second.get("unresolved").asText()).contains("not mapped yet");
        assertThat(detail.get("history")).hasSize(1);
    }
}
