package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.testing.MigratedDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order upsert against the migrated schema: new, changed and unchanged orders of a page. */
class OrderRepositoryTest {
    static final String SHOP = "shipstation:repo.example.com";
    static final Instant PLACED = Instant.parse("2026-11-20T17:02:11.1234567Z");

    @TempDir
    Path dir;
    MigratedDatabase db;
    Jdbi jdbi;
    long integrationId;
    final OrderRepository repository = new OrderRepository();

    @BeforeEach
    void migrate() {
        db = new MigratedDatabase(dir);
        jdbi = db.jdbi();
        integrationId = db.integration(SHOP);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ShopOrder order(String id, Instant modified, String status, String... skus) {
        List<OrderLine> lines = java.util.stream.IntStream.range(0, skus.length)
                .mapToObj(i -> new OrderLine(id + "-" + i, "L" + i, skus[i], "Coffee " + skus[i], 1, new BigDecimal("12.50")))
                .toList();
        return new ShopOrder(id, "R-" + id, PLACED, modified, status, OrderState.PROCESSING,
                new Customer("Ada Okafor", "ada@example.com", new Address("1 Main St", "Portland", "OR", "97201", "US", "")),
                lines);
    }

    record Row(long id, String externalStatus, String status, Instant updatedAt, String searchText, int lines) {
    }

    Row row(String externalId) {
        return jdbi.withHandle(h -> h.createQuery("select o.id, o.external_status, o.status, o.updated_at, o.search_text,"
                        + " (select count(*) from order_line l where l.order_id = o.id) from shop_order o"
                        + " where o.shop_key = :k and o.external_id = :e")
                .bind("k", SHOP).bind("e", externalId)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), rs.getString(5), rs.getInt(6)))
                .one());
    }

    long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    void upsert(Instant now, ShopOrder... orders) {
        jdbi.useTransaction(h -> repository.upsert(h, integrationId, SHOP, List.of(orders), now));
    }

    @Test
    void insertsNewOrdersUpdatesChangedOnesAndLeavesUnchangedOnesAlone() {
        Instant first = Instant.parse("2026-11-21T08:00:00Z");
        upsert(first, order("1", PLACED.plusSeconds(60), "awaiting_shipment", "ETH-250", "KEN-1KG"),
                order("2", PLACED.plusSeconds(60), "awaiting_shipment", "ETH-250"));
        Row one = row("1");
        assertThat(one.status()).isEqualTo("RECEIVED");
        assertThat(one.lines()).isEqualTo(2);
        assertThat(one.searchText()).isEqualTo("r-1 ada okafor ada@example.com eth-250 ken-1kg");
        jdbi.useHandle(h -> h.createUpdate("update shop_order set status = 'IN_PROGRESS' where id = :id").bind("id", one.id()).execute());

        // a later page: order 1 unchanged (same modification time, read again by the overlap), order 2 shipped with a
        // new line, order 3 new
        Instant second = first.plusSeconds(600);
        upsert(second, order("1", PLACED.plusSeconds(60), "awaiting_shipment", "ETH-250", "KEN-1KG"),
                order("2", PLACED.plusSeconds(900), "shipped", "ETH-250", "GIFT"),
                order("3", PLACED.plusSeconds(900), "awaiting_payment", "COL-5LB"));

        assertThat(row("1")).as("left alone").isEqualTo(new Row(one.id(), "awaiting_shipment", "IN_PROGRESS", first,
                one.searchText(), 2));
        Row two = row("2");
        assertThat(two.externalStatus()).isEqualTo("shipped");
        assertThat(two.status()).as("the roaster's own status stays").isEqualTo("RECEIVED");
        assertThat(two.updatedAt()).isEqualTo(second);
        assertThat(two.lines()).isEqualTo(2);
        assertThat(two.searchText()).endsWith("eth-250 gift");
        assertThat(row("3").lines()).isEqualTo(1);
        assertThat(count("select count(*) from shop_order")).isEqualTo(3);
        assertThat(count("select count(*) from order_line")).isEqualTo(5);
    }

    @Test
    void anOrderAdoptedFromAnotherIntegrationIsRewrittenEvenWhenUnchanged() {
        upsert(Instant.parse("2026-11-21T08:00:00Z"), order("7", PLACED, "shipped", "ETH-250"));
        long other = jdbi.withHandle(h -> h.createUpdate("insert into integration (connector, name, customer_type, shop_url,"
                        + " shop_key, sync_start_date, status, created_at) values ('shipstation', 'Again', 'RETAIL',"
                        + " 'https://repo.example.com', :k, date '2026-11-01', 'CONNECTED', current_timestamp)")
                .bind("k", SHOP).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());

        jdbi.useTransaction(h -> repository.upsert(h, other, SHOP, List.of(order("7", PLACED, "shipped", "ETH-250")),
                Instant.parse("2026-11-22T08:00:00Z")));

        assertThat(count("select integration_id from shop_order where external_id = '7'")).isEqualTo(other);
        assertThat(row("7").lines()).isEqualTo(1);
    }
}
