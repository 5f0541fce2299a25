package dev.shoplink.host.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.orders.OrderSearch;
import dev.shoplink.host.orders.OrderStatus;
import dev.shoplink.host.orders.OrderView;
import dev.shoplink.host.testing.MigratedDatabase;
import dev.shoplink.host.testing.OrderWalk;
import dev.shoplink.host.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's text index against the scan it stands in for: every answer (pages by cursor and by number,
 * the capped count, with the overview's other filters) is compared with the same request scanned without the index;
 * and the index is checked to have answered. Then what a crash, a stop and a broken folder leave behind.
 */
class OrderTextIndexTest {
    static final Instant PLACED = Instant.parse("2026-11-20T17:02:11.123456Z");
    static final String[] NAMES = {"Ada Okafor", "Ben Okafo-Smith", "Chloe Quartermain", "Dmitri Nakamura", "Élena Ferreira",
            "Zoë 100%_Kowalski", "Okafor Okafor"};

    @TempDir
    Path dir;
    MigratedDatabase db;
    Jdbi jdbi;
    OrderTextIndex index;
    long shopA;
    long shopB;
    final OrderRepository repository = new OrderRepository();

    @BeforeEach
    void open() {
        Assumptions.assumeFalse(TestDatabases.postgres(), "PostgreSQL has its trigram index; this index is H2's");
        db = new MigratedDatabase(dir);
        jdbi = db.jdbi();
        shopA = db.integration("shipstation:a.example.com");
        shopB = db.integration("shipstation:b.example.com");
        index = startIndex(false);
    }

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
        if (db != null) {
            db.close();
        }
    }

    OrderTextIndex startIndex(boolean uncleanStop) {
        OrderTextIndex started = OrderTextIndex.start(dir.resolve("search"), jdbi, uncleanStop);
        jdbi.getConfig(OrderSearch.Installed.class).use(started);
        await().atMost(Duration.ofSeconds(30)).until(() -> started.status().equals("ready"));
        return started;
    }

    static ShopOrder order(int i, String name, String sku) {
        Instant placed = PLACED.minusSeconds(60L * (i % 97)); // many orders share an instant
        String email = name.toLowerCase().replace(' ', '.') + i + "@example.com";
        return new ShopOrder("E" + i, "#" + (5000 + i), placed, placed.plusSeconds(i), "awaiting_shipment",
                i % 5 == 0 ? OrderState.CANCELLED : OrderState.PROCESSING,
                new Customer(name, email, new Address("1 Main St", "Portland", "OR", "97201", "US", "")),
                List.of(new OrderLine("E" + i + "-1", "L" + i, sku, "Coffee " + sku, 1, new BigDecimal("12.50"))));
    }

    void seed(long integrationId, String shop, int from, int to) {
        List<ShopOrder> orders = new ArrayList<>();
        for (int i = from; i < to; i++) {
            orders.add(order(i, NAMES[i % NAMES.length], "ETH-" + (i % 7) + "-250"));
        }
        for (int i = 0; i < orders.size(); i += 500) {
            List<ShopOrder> page = orders.subList(i, Math.min(orders.size(), i + 500));
            jdbi.useTransaction(h -> repository.upsert(h, integrationId, shop, page, PLACED.plusSeconds(3600)));
        }
    }

    static OrderRepository.Filter filter(String q, Optional<Long> integration, Optional<OrderStatus> status, boolean open) {
        return new OrderRepository.Filter(integration, status, Optional.of(PLACED.minusSeconds(60L * 80)),
                Optional.of(PLACED.minusSeconds(60L * 3)), Optional.of(q), open);
    }

    static OrderRepository.Filter q(String q) {
        return new OrderRepository.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(q), false);
    }

    /** Every page by cursor, then the count: with the index installed or scanning. */
    List<Object> walk(OrderRepository.Filter f, boolean indexed) {
        jdbi.getConfig(OrderSearch.Installed.class).use(indexed ? index : OrderSearch.NONE);
        try {
            List<Object> seen = new ArrayList<>(OrderWalk.byCursor(jdbi, repository, f, 25));
            seen.add("by number: " + jdbi.withHandle(h -> repository.list(h, f, 40, 20)).stream().map(OrderView::id).toList());
            seen.add("count " + jdbi.withHandle(h -> repository.countUpTo(h, f, 300)));
            return seen;
        } finally {
            jdbi.getConfig(OrderSearch.Installed.class).use(index);
        }
    }

    boolean indexAnswers(String term) {
        OrderSearch.Request request = new OrderSearch.Request(term, Optional.empty(), Optional.empty(), Optional.empty());
        Optional<OrderSearch.Candidates> first = index.candidates(request, Optional.empty(), 2);
        // and after a cursor
        return first.isPresent() && (first.get().hits().isEmpty()
                || index.candidates(request, Optional.of(first.get().hits().get(0)), 2).isPresent());
    }

    @Test
    void theIndexAnswersWhatTheScanAnswersWithEveryFilterAndPage() {
        seed(shopA, "shipstation:a.example.com", 0, 2500);
        seed(shopB, "shipstation:b.example.com", 2500, 3500);
        List<OrderRepository.Filter> filters = new ArrayList<>();
        for (String term : List.of("okafor", "OKAFOR", "okafo-smith", "100%_k", "zoë", "élena", "#501", "eth-3-250",
                "ada.okafor12", "nobody-has-this", "or o", "ok")) {
            filters.add(q(term));
            filters.add(filter(term, Optional.of(shopA), Optional.empty(), false));
            filters.add(filter(term, Optional.empty(), Optional.of(OrderStatus.RECEIVED), false));
            filters.add(filter(term, Optional.of(shopB), Optional.empty(), true));
        }
        for (OrderRepository.Filter f : filters) {
            assertThat(walk(f, true)).as("%s", f).isEqualTo(walk(f, false));
        }
        assertThat(walk(q("okafor"), false)).hasSize(1000 + 2);
        assertThat(indexAnswers("okafor")).isTrue();
        assertThat(indexAnswers("ok")).as("shorter than a trigram: the scan").isFalse();
    }

    @Test
    void whatTheStoreCommittedWhileTheIndexMissedItIsCaughtUpAtTheNextStart() {
        seed(shopA, "shipstation:a.example.com", 0, 300);
        seed(shopB, "shipstation:b.example.com", 300, 400);
        index.close();
        // the host "killed" after the store's commits and before the index's: the index never hears of these
        jdbi.getConfig(OrderSearch.Installed.class).use(OrderSearch.NONE);
        ShopOrder renamed = order(7, "Quilla Brightwater", "KEN-1KG");
        jdbi.useTransaction(h -> repository.upsert(h, shopA, "shipstation:a.example.com", List.of(new ShopOrder(
                renamed.externalId(), renamed.orderNumber(), renamed.placedAt(), renamed.modifiedAt().plusSeconds(99),
                renamed.status(), renamed.state(), renamed.customer(), renamed.lines())), PLACED.plusSeconds(7200)));
        jdbi.useTransaction(h -> repository.purge(h, shopB));
        index = startIndex(true);
        assertThat(indexAnswers("brightwater")).isTrue();
        assertThat(walk(q("brightwater"), true)).hasSize(3).isEqualTo(walk(q("brightwater"), false));
        assertThat(walk(q("okafor"), true)).isEqualTo(walk(q("okafor"), false));
        assertThat(candidates("okafor")).as("the purged shop's orders left the index too")
                .allMatch(id -> id < 300);
        // a clean stop is trusted as it is, and still answers
        index.close();
        index = startIndex(false);
        assertThat(walk(q("brightwater"), true)).isEqualTo(walk(q("brightwater"), false));
    }

    @Test
    void ordersWrittenWhileTheHostRunsAreFoundAtOnce() {
        seed(shopA, "shipstation:a.example.com", 0, 50);
        assertThat(walk(q("marchbanks"), true)).as("counted before the write: the count is not kept past it")
                .containsExactly("by number: []", "count 0");
        ShopOrder added = order(9999, "Wendeline Marchbanks", "SKU-9");
        jdbi.useTransaction(h -> repository.upsert(h, shopA, "shipstation:a.example.com", List.of(added), PLACED));
        assertThat(walk(q("marchbanks"), true)).hasSize(3).endsWith("count 1");
        jdbi.useTransaction(h -> repository.purge(h, shopA));
        assertThat(walk(q("marchbanks"), true)).hasSize(2);
        assertThat(candidates("marchbanks")).isEmpty();
    }

    @Test
    void aBrokenIndexFolderIsBuiltAfresh() throws Exception {
        seed(shopA, "shipstation:a.example.com", 0, 100);
        index.close();
        try (var files = Files.list(dir.resolve("search"))) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals("write.lock")) {
                    Files.write(p, new byte[] {1, 2, 3});
                }
            }
        }
        index = startIndex(false);
        assertThat(indexAnswers("okafor")).isTrue();
        assertThat(walk(q("okafor"), true)).isEqualTo(walk(q("okafor"), false)).hasSizeGreaterThan(2 + 20);
    }

    @Test
    void aBurstOfWritesIsIndexedWhenItPausesOrWhenASearchAsksForIt() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        Thread burst = new Thread(() -> {
            // pages of 5 orders 40 ms apart, as a sync writes them: closer than Backlog.QUIET
            for (int page = 0; writing.get() && page < 500; page++) {
                seed(shopA, "shipstation:a.example.com", page * 5, page * 5 + 5);
                committed.addAndGet(5);
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "burst");
        burst.start();
        OrderSearch.Request all = new OrderSearch.Request("@example.com", Optional.empty(), Optional.empty(), Optional.empty());
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
                    .until(() -> index.status().contains("written orders wait for the writes to pause"));
            // a search needs what waits: it is indexed first, and the search finds every order committed before it
            int before = committed.get();
            OptionalLong counted = index.count(all, 100_000);
            assertThat(counted).as("the index answered").isPresent();
            assertThat(counted.getAsLong()).isGreaterThanOrEqualTo(before);
        } finally {
            writing.set(false);
            burst.join();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> index.status().equals("ready"));
        assertThat(index.count(all, 100_000)).hasValue(committed.get());
        assertThat(walk(q("okafor"), true)).isEqualTo(walk(q("okafor"), false));
    }

    List<Long> candidates(String term) {
        return index.candidates(new OrderSearch.Request(term, Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), 10_000).orElseThrow().hits().stream().map(OrderSearch.Hit::id).toList();
    }
}
