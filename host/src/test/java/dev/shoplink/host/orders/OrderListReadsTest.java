package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.testing.MigratedDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the orders list reads once a page instead of once an order (the integration's name and customer type) and
 * what it does not count again (a total above the cap), on the real migrated store.
 */
class OrderListReadsTest {
    static final String SHOP = "shipstation:list-reads.example.com";
    static final Instant PLACED = OrderServiceTest.PLACED;

    @TempDir
    Path dir;
    MigratedDatabase db;
    OrderService orders;
    long integrationId;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void open() {
        db = new MigratedDatabase(dir);
        orders = new OrderService(db.jdbi(), db.config(), Clock.fixed(PLACED.plusSeconds(3600), ZoneOffset.UTC), nanos::get);
        integrationId = db.integration(SHOP);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Inserts {@code n} RECEIVED orders of the integration, a minute apart, with no lines. */
    void orders(int n) {
        db.jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("insert into shop_order (integration_id, shop_key, external_id, external_ref,"
                    + " external_status, external_state, status, order_date, shop_modified_at, customer_name, customer_email,"
                    + " address, city, region, postal_code, country, phone, imported_at, updated_at) values (:i, :shop, :ext,"
                    + " :ext, 'awaiting_shipment', 'PROCESSING', 'RECEIVED', :at, :at, 'Ada Okafor', 'ada@example.com',"
                    + " '1 Main St', 'Portland', 'OR', '97201', 'US', '', :at, :at)");
            long base = h.createQuery("select count(*) from shop_order").mapTo(Long.class).one();
            for (int k = 0; k < n; k++) {
                batch.bind("i", integrationId).bind("shop", SHOP).bind("ext", "E" + (base + k))
                        .bind("at", PLACED.minusSeconds(60L * (base + k))).add();
            }
            batch.execute();
        });
    }

    OrderPage page(int number) {
        return page(number, 50);
    }

    /** Page {@code number} of the integration's RECEIVED orders. */
    OrderPage page(int number, int size) {
        return orders.page(Optional.of(integrationId), Optional.of(OrderStatus.RECEIVED), Optional.empty(), Optional.empty(),
                Optional.empty(), false, new Paging(number, size), Optional.empty(), "/api/v1/orders");
    }

    @Test
    void aRenamedIntegrationShowsItsNewNameAtOnce() {
        orders(3);
        assertThat(page(1).items()).extracting(OrderView::shop, OrderView::customerType)
                .containsOnly(tuple("Test " + SHOP, "RETAIL"));

        db.jdbi().useHandle(h -> h.execute("update integration set name = 'Hilltop web', customer_type = 'WHOLESALE'"
                + " where id = ?", integrationId));

        assertThat(page(1).items()).hasSize(3).extracting(OrderView::shop, OrderView::customerType)
                .containsOnly(tuple("Hilltop web", "WHOLESALE"));
        long one = page(1).items().get(0).id();
        assertThat(orders.get(one).shop()).isEqualTo("Hilltop web");
    }

    @Test
    void aTotalAboveTheCapIsNotCountedAgainForAFewSeconds() {
        orders(OrderPage.COUNT_CAP + 1);
        assertThat(page(2)).extracting(OrderPage::total, OrderPage::totalExact).containsExactly(10_000L, false);

        // all but 20 archived: a fresh count would be exact
        db.jdbi().useHandle(h -> h.execute("update shop_order set status = 'ARCHIVED' where id not in"
                + " (select id from shop_order order by order_date desc, id desc fetch first 20 rows only)"));
        nanos.addAndGet(CappedCounts.TTL.toNanos() - 1);
        assertThat(page(2).items()).isEmpty();
        // the last page by number knows its end: page 1 is counted from its rows, not remembered
        assertThat(page(1)).extracting(OrderPage::total, OrderPage::totalExact).containsExactly(20L, true);
        // a page that does not know its end takes the remembered "10,000+" until the memory expires
        assertThat(page(1, 10))
                .extracting(OrderPage::total, OrderPage::totalExact).containsExactly(10_000L, false);

        nanos.addAndGet(1);
        assertThat(page(1, 10))
                .extracting(OrderPage::total, OrderPage::totalExact).containsExactly(20L, true);
    }

    @Test
    void anExactTotalIsCountedOnEveryRequest() {
        orders(60);
        assertThat(page(1)).extracting(OrderPage::total, OrderPage::totalExact).containsExactly(60L, true);

        orders(1);

        assertThat(page(1)).extracting(OrderPage::total, OrderPage::totalExact).containsExactly(61L, true);
    }
}
