package dev.shoplink.host.orders;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_ARRAY_ORDER;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
    static long synced(MemoryShop.Account shop, String scope) {
        long id = api.createIntegration(shop, START);
        assertThat(api.syncAndWait(id, scope).get("state").asText()).isEqualTo("SUCCEEDED");
        return id;
    }

    static long idOf(String ref) {
        return api.orderByRef(ref).get("id").asLong();
    }

    static JsonNode byRef(String ref) {
        return host.get(orderPath(idOf(ref))).json();
    }

    static String orderPath(long id) {
        return "/api/v1/orders/" + id;
    }

    /** The order of {@link #order} in a new shop status, changed just now. */
    static ShopOrder nowIn(long id, String ref, String status) {
        return changed(order(id, ref, status), status, Instant.now());
    }

    /** The shop holds {@code orders} as they are now; the integration has synced its orders again. */
    static void changedInTheShopAndSynced(MemoryShop.Account shop, long integration, ShopOrder... orders) {
        shop.put(orders);
        assertThat(api.syncAndWait(integration, "orders").get("state").asText()).isEqualTo("SUCCEEDED");
    }

    /** Where the overview's order numbers stand in an answer, in the order listed. */
    static final String REFS = "$.items[*].externalRef";

    /** Four orders imported in the four shop states. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AtImport {
        long id;

        @BeforeAll
        void importFour() {
            id = synced(memoryShop.account().orders(order(9101, "IMP-CANCEL", "cancelled"),
                    order(9102, "IMP-SHIP", "shipped"), order(9103, "IMP-UNPAID", "awaiting_payment"),
                    order(9104, "IMP-PAID", "awaiting_shipment")), "orders");
        }

        @Test
        void aShopCancelledOrderIsArchivedAsNoWorkSayingWhy() {
            // a shop-cancelled order is no work
            assertThatJson(byRef("IMP-CANCEL")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "ARCHIVED", "attention": null, "history": [{"from": null, "reason": "${json-unit.regex}.*cancelled.*"}]}""");
        }

        @Test
        void aShippedOrderIsCompleted() {
            assertThatJson(byRef("IMP-SHIP")).node("status").isEqualTo("COMPLETED");
        }

        @Test
        void anUnpaidOrderIsReceivedAndFlagged() {
            assertThatJson(byRef("IMP-UNPAID")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "RECEIVED", "attention": "AWAITING_PAYMENT"}""");
        }

        @Test
        void onlyThePaidOrderIsOpenWorkAndUnflagged() {
            assertThatJson(byRef("IMP-PAID")).node("attention").isNull();
            assertThatJson(api.orders("integrationId=" + id + "&open=true")).inPath(REFS).isEqualTo(List.of("IMP-PAID"));
        }
    }

    @Test
    void anUnpaidOrdersStatusChangesNotWithoutAnAcknowledgement() {
        // given
        synced(memoryShop.account().orders(order(9105, "ACK-REFUSED", "awaiting_payment")), "orders");
        long unpaidId = idOf("ACK-REFUSED");

        // when
        TestHost.Response refused = host.patch(orderPath(unpaidId), Map.of("status", "IN_PROGRESS"));

        // then
        assertThat(refused.status()).isEqualTo(409);
        assertThatJson(refused.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"type": "https://shoplink.dev/problems/unacknowledged-warnings", "errors": [{"field": "status"}]}""");
        assertThatJson(host.get(orderPath(unpaidId)).body()).node("status").isEqualTo("RECEIVED");
    }

    @Test
    void anUnpaidOrdersStatusChangesWithAnAcknowledgementRecordedInItsHistory() {
        // given
        synced(memoryShop.account().orders(order(9106, "ACK-GIVEN", "awaiting_payment")), "orders");
        long unpaidId = idOf("ACK-GIVEN");

        // when
        TestHost.Response acknowledged = host.patch(orderPath(unpaidId), Map.of("status", "IN_PROGRESS", "acknowledgeWarnings", true));

        // then
        assertThat(acknowledged.status()).as("%s", acknowledged).isEqualTo(200);
        assertThatJson(host.get(orderPath(unpaidId)).body()).when(IGNORING_EXTRA_FIELDS).node("history").isEqualTo("""
                [{}, {"from": "RECEIVED", "to": "IN_PROGRESS", "acknowledged": true}]""");
    }

    /** Two paid orders, one in progress, then cancelled and shipped in the shop and synced again. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CancelledOrShippedAfterImport {
        long id;
        long cancelId;
        long shipId;
        /** What the overview showed right after the second sync. */
        JsonNode cancelled;
        JsonNode open;
        JsonNode all;

        @BeforeAll
        void cancelAndShipInTheShop() {
            // given
            MemoryShop.Account shop = memoryShop.account().orders(order(9201, "LATE-CANCEL", "awaiting_shipment"),
                    order(9202, "LATE-SHIP", "awaiting_shipment"));
            id = synced(shop, "orders");
            cancelId = idOf("LATE-CANCEL");
            shipId = idOf("LATE-SHIP");
            assertThat(host.patch(orderPath(cancelId), Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
            assertThat(api.orders("integrationId=" + id + "&open=true").get("total").asInt()).isEqualTo(2);

            // when
            changedInTheShopAndSynced(shop, id, nowIn(9201, "LATE-CANCEL", "cancelled"), nowIn(9202, "LATE-SHIP", "shipped"));
            cancelled = host.get(orderPath(cancelId)).json();
            open = api.orders("integrationId=" + id + "&open=true");
            all = api.orders("integrationId=" + id);
        }

        @Test
        void theCancelledOneKeepsTheRoastersStatusAndIsFlagged() {
            // the roaster's status stays
            assertThatJson(cancelled).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "IN_PROGRESS", "attention": "CANCELLED_IN_SHOP", "attentionDetail": "${json-unit.regex}.*cancelled.*"}""");
        }

        @Test
        void bothAreFlaggedAndNeitherIsOpenWork() {
            assertThatJson(open).node("total").as("neither is open work").isEqualTo(0);
            assertThatJson(all).when(IGNORING_ARRAY_ORDER).inPath("$.items[*].attention")
                    .isEqualTo(List.of("CANCELLED_IN_SHOP", "SHIPPED_BY_SHOP"));
        }

        @Test
        void theCancelledOnesStatusChangesOnlyWithAnAcknowledgement() {
            // when
            TestHost.Response refused = host.patch(orderPath(cancelId), Map.of("status", "COMPLETED"));
            TestHost.Response acknowledged = host.patch(orderPath(cancelId), Map.of("status", "RECEIVED", "acknowledgeWarnings", true));

            // then
            assertThat(refused.status()).isEqualTo(409);
            assertThatJson(refused.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"detail": "${json-unit.regex}.*acknowledgeWarnings.*"}""");
            assertThat(acknowledged.status()).isEqualTo(200);
        }

        @Test
        void theShippedOneMayBeCompletedAgreeingWithTheShopButNotPlannedAgain() {
            // when
            TestHost.Response planned = host.patch(orderPath(shipId), Map.of("status", "IN_PROGRESS"));
            TestHost.Response completed = host.patch(orderPath(shipId), Map.of("status", "COMPLETED"));

            // then
            assertThat(planned.status()).isEqualTo(409);
            assertThat(completed.status()).isEqualTo(200);
            assertThatJson(host.get(orderPath(shipId)).body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "COMPLETED", "attention": null}""");
        }
    }

    /** An unpaid order and a completed one, then paid and cancelled in the shop and synced again. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PaidOrCancelledLater {
        final MemoryShop.Account shop = memoryShop.account().orders(order(9401, "PAY-LATER", "awaiting_payment"),
                order(9402, "DONE-CANCEL", "awaiting_shipment"));
        long id;
        long payLaterId;
        long doneId;

        @BeforeAll
        void payAndCancelInTheShop() {
            // given
            id = synced(shop, "orders");
            payLaterId = idOf("PAY-LATER");
            doneId = idOf("DONE-CANCEL");
            assertThat(host.get(orderPath(payLaterId)).json().get("attention").asText()).isEqualTo("AWAITING_PAYMENT");
            assertThat(host.patch(orderPath(doneId), Map.of("status", "COMPLETED")).status()).isEqualTo(200);
            assertThat(api.orders("integrationId=" + id + "&open=true").get("total").asInt()).as("neither is open work yet").isZero();

            // when
            changedInTheShopAndSynced(shop, id, nowIn(9401, "PAY-LATER", "awaiting_shipment"),
                    nowIn(9402, "DONE-CANCEL", "cancelled"));
        }

        @Test
        void thePaidOneLosesItsFlagAndBecomesOpenWork() {
            // paid in the shop: no flag
            assertThatJson(host.get(orderPath(payLaterId)).body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "RECEIVED", "attention": null}""");
            assertThatJson(api.orders("integrationId=" + id + "&open=true")).inPath(REFS).isEqualTo(List.of("PAY-LATER"));
        }

        @Test
        void theCompletedOneKeepsTheRoastersStatusAndIsFlagged() {
            // the roaster's status stays
            assertThatJson(host.get(orderPath(doneId)).body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "COMPLETED", "attention": "CANCELLED_IN_SHOP"}""");
        }
    }

    @Test
    void theDetailResolvesEveryLineOrSaysWhyNot() {
        // given an order of two lines, one on a mapped listing
        MemoryShop.Account shop = memoryShop.account()
                .listings(MemoryShop.listing("931", "DET-931", "Detail Kenya - 340 g - Filter", RECENT),
                        MemoryShop.listing("932", "DET-932", "Detail Peru - 1 kg - Espresso", RECENT))
                .orders(MemoryShop.order("9301", "DETAIL-1", RECENT,
                        MemoryShop.line("93011", "931", "DET-931", 3, "10.00"),
                        MemoryShop.line("93012", "932", "DET-932", 1, "30.50")));
        long id = synced(shop, "all");
        long kenya = api.listings(id, "q=DET-931").get(0).get("id").asLong();
        assertThat(api.map(id, row(kenya, productNamed("Detail Kenya"), "340 g", "FILTER")).status()).isEqualTo(200);

        // when
        JsonNode detail = byRef("DETAIL-1");

        // then
        assertThatJson(detail).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {
                  "total": "60.50",
                  "customer": {"address": "1 Oxford St"},
                  "externalStatus": "awaiting_shipment",
                  "items": [
                    {
                      "lineTotal": "30.00",
                      "product": {"productName": "Detail Kenya", "unit": "340 g", "grindStyle": "FILTER", "via": "mapping"}
                    },
                    {"product": null, "unresolved": "${json-unit.regex}.*not mapped yet.*"}
                  ],
                  "history": [{}]
                }""");
        assertThatJson(detail).node("shop").isString().isNotBlank();
    }
}
