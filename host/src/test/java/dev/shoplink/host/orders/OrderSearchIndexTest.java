package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.search.OrderTextIndex;
import dev.shoplink.host.testing.MigratedDatabase;
import dev.shoplink.host.testing.OrderWalk;
import dev.shoplink.host.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview's text search through its index (PostgreSQL's trigram index of V8; H2's text index) against
 * the plain LIKE scan it replaced; the capped count; keyset pages over orders that share one order date.
 */
class OrderSearchIndexTest {
    static final String SHOP = "shipstation:search.example.com";
    static final Instant PLACED = Instant.parse("2026-11-20T17:02:11.123456Z");
    static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dmitri", "Elena"};
    static final String[] LAST = {"Okafor", "Okafo-Smith", "Quartermain", "Nakamura", "Ferreira", "Kowalski"};

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
        if (!TestDatabases.postgres()) {
            // H2: through its text index (search.OrderTextIndex), which every write below reaches after its commit
            index = OrderTextIndex.start(dir.resolve("search"), jdbi, false);
            jdbi.getConfig(OrderSearch.Installed.class).use(index);
            await().atMost(Duration.ofSeconds(30)).until(() -> index.status().equals("ready"));
        }
    }

    OrderTextIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
        db.close();
    }

    static ShopOrder order(int i, Instant placed, String name, String sku) {
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + i + "@example.com";
        return new ShopOrder("E" + i, "#" + (5000 + i), placed, placed, "awaiting_shipment", OrderState.PROCESSING,
                new Customer(name, email, new Address("1 Main St", "Portland", "OR", "97201", "US", "")),
                List.of(new OrderLine("E" + i + "-1", "L" + i, sku, "Coffee " + sku, 1, new BigDecimal("12.50"))));
    }

    void seed(int count, boolean sameInstant) {
        List<ShopOrder> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant placed = sameInstant ? PLACED : PLACED.minusSeconds(60L * (i % 37));
            orders.add(order(i, placed, FIRST[i % FIRST.length] + " " + LAST[i % LAST.length], "ETH-" + (i % 7) + "-250"));
        }
        jdbi.useTransaction(h -> repository.upsert(h, integrationId, SHOP, orders, PLACED.plusSeconds(3600)));
    }

    static OrderRepository.Filter q(String text) {
        return new OrderRepository.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(text), false);
    }

    static final OrderRepository.Filter ALL = new OrderRepository.Filter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), false);

    /** What the search found before V8: every order whose search text contains the term, newest first. */
    List<Long> likeScan(String text) {
        return jdbi.withHandle(h -> h.createQuery("select id from shop_order where search_text like :q"
                        + " order by order_date desc, id desc")
                .bind("q", "%" + text.toLowerCase(Locale.ROOT) + "%").mapTo(Long.class).list());
    }

    long countUpTo(OrderRepository.Filter filter, int cap) {
        return jdbi.withHandle(h -> repository.countUpTo(h, filter, cap));
    }

    long scalar(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    List<Long> indexed(String text) {
        return jdbi.withHandle(h -> repository.list(h, q(text), 0, 500)).stream().map(OrderView::id).toList();
    }

    @Test
    void theIndexedSearchFindsWhatTheLikeScanFound() {
        seed(240, false);
        for (String term : List.of("okafor", "OKAF", "okafo-smith", "quartermain", "ada okafor", "ada.okafor", "#5007",
                "5012", "eth-3", "eth-3-250", "kowalski23@example", "nakamura", "nobody-has-this")) {
            List<Long> expected = likeScan(term.strip());
            assertThat(indexed(term)).as("q=%s", term).isEqualTo(expected);
            assertThat(countUpTo(q(term), 10_001)).as("count q=%s", term)
                    .isEqualTo((long) expected.size());
        }
        assertThat(likeScan("okafor")).hasSize(40);
        assertThat(likeScan("nobody-has-this")).isEmpty();
        if (TestDatabases.postgres()) {
            assertThat(scalar("select count(*) from pg_indexes where indexname = 'shop_order_search_trgm'"))
                    .as("the trigram index of V8 exists").isEqualTo(1L);
        }
    }

    @Test
    void aChangedOrderIsFoundByItsNewWordsOnly() {
        seed(12, false);
        ShopOrder renamed = order(3, PLACED, "Zelda Brightwater", "KEN-1KG");
        jdbi.useTransaction(h -> repository.upsert(h, integrationId, SHOP,
                List.of(new ShopOrder(renamed.externalId(), renamed.orderNumber(), renamed.placedAt(),
                        PLACED.plusSeconds(7200), renamed.status(), renamed.state(), renamed.customer(), renamed.lines())),
                PLACED.plusSeconds(9000)));
        long id = likeScan("brightwater").get(0);
        assertThat(indexed("brightwater")).containsExactly(id);
        assertThat(indexed("ken-1kg")).containsExactly(id);
        assertThat(indexed("okafor")).doesNotContain(id).isEqualTo(likeScan("okafor"));
        // a status change leaves the words alone
        jdbi.useHandle(h -> repository.setStatus(h, id, OrderStatus.RECEIVED, OrderStatus.IN_PROGRESS, PLACED.plusSeconds(9999)));
        assertThat(indexed("brightwater")).containsExactly(id);
    }

    @Test
    void theCountStopsAtItsCap() {
        seed(30, false);
        assertThat(countUpTo(ALL, 31)).isEqualTo(30L);
        OrderRepository.Filter received = new OrderRepository.Filter(Optional.empty(), Optional.of(OrderStatus.RECEIVED),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
        assertThat(countUpTo(received, 10)).isEqualTo(10L);
        assertThat(countUpTo(received, 31)).isEqualTo(30L);
        // without a filter H2 knows the exact count at no cost; PostgreSQL counts up to the cap
        assertThat(countUpTo(ALL, 10)).isEqualTo(TestDatabases.postgres() ? 10L : 30L);
        assertThat(scalar("select count(*) from shop_order")).isEqualTo(30L);
    }

    @Test
    void keysetPagesOverOrdersOfOneInstantRepeatAndSkipNothing() {
        seed(23, true);
        List<Long> expected = likeScan("");
        List<Long> walked = OrderWalk.byCursor(jdbi, repository, ALL, 5);
        assertThat(walked).hasSize(23).isEqualTo(expected);
        Set<Long> distinct = new HashSet<>(walked);
        assertThat(distinct).hasSize(23);
    }
}
