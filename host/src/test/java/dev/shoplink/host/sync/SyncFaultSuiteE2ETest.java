package dev.shoplink.host.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.shoplink.host.testing.ShipStationStub.okBody;
import static dev.shoplink.host.testing.ShipStationStub.pacificNow;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.ShipStationStub.Item;
import dev.shoplink.host.testing.ShipStationStub.Order;
import dev.shoplink.host.testing.ShipStationStub.Product;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.FaultKind;
import dev.shoplink.simulator.MutationBatch;
import dev.shoplink.simulator.ShopSimulator;
import dev.shoplink.simulator.SimulatorStats;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.StringAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "No data lost, whatever happens": the real host (in-process, real ShipStation plugin archive, spoken to
 * over HTTP) syncs while the shop misbehaves, and every run ends either SUCCEEDED with exactly the rows a
 * clean run stores, or FAILED with a reason that says what happened, keeping whole pages only; a later run
 * then completes the rows.
 *
 * <p>Two shops play ShipStation: the shop simulator with its seeded fault injection (storms of a fault kind
 * at a share of requests, a rate limit shared with another app, orders changing while the host reads), and
 * WireMock where the exact answer matters (which page fails, how often, with which headers or body).
 *
 * <p>Each case prints one {@code FAULT-SUITE} line (fault, pages, requests and retries, final state, rows
 * against the clean run); the lines are printed together once more at the end.
 */
class SyncFaultSuiteE2ETest {
    /** The summary lines, in the order the cases ended. */
    static final List<String> SUMMARY = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path dir;

    @AfterAll
    static void printSummary() {
        System.out.println("FAULT-SUITE summary (" + SUMMARY.size() + " cases)");
        SUMMARY.forEach(System.out::println);
    }

    // ------------------------------------------------------------------ the shop simulator

    /** Storms of one fault kind at a share of the requests, and a rate limit another app uses up too. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class AgainstTheSimulator {
        /** 60 products (3 pages of 20) and 160 orders (8 pages) in the 20 days before now. */
        ShopSimulator shop;
        TestHost host;
        AdminCalls api;
        Map<String, String> clean;
        /** The pages the clean run committed. */
        int cleanPages;

        @BeforeAll
        void start() {
            shop = ShopSimulator.builder().seed(11).products(60).orders(160).orderDays(20).pageSizeCap(20)
                    .slowResponseDelay(Duration.ofMillis(2500)).noRateLimit().start();
            host = startHost(dir.resolve("simulator"), shop.baseUrl(), Clock.systemUTC());
            api = new AdminCalls(host);
            long integration = simulatorIntegration(api, shop);
            shop.resetStats();
            Run cleanRun = runToTheEnd(api, integration, "all", null);
            assertSucceeded(cleanRun.sync());
            clean = cleanRun.rows();
            cleanPages = cleanRun.sync().at("/progress/pagesDone").asInt();
            assertThat(clean.keySet()).filteredOn(k -> k.startsWith("order ")).hasSizeGreaterThan(100);
            cleanRun.report("none (clean run)", "simulator, 60 products / 160 orders, pages of 20", requests(shop.stats()),
                    compare(clean, clean));
        }

        @AfterAll
        void stop() {
            if (host != null) {
                host.close();
            }
            if (shop != null) {
                shop.close();
            }
        }

        /** A run of everything while the shop injects faults of those kinds into that share of its requests. */
        StormRun syncDuringStorm(long integration, Set<FaultKind> kinds, double share) {
            shop.resetStats();
            shop.setFaultKinds(kinds);
            shop.setFailRate(share);
            try {
                return new StormRun(runToTheEnd(api, integration, "all", null), shop.stats());
            } finally {
                shop.setFailRate(0);
            }
        }

        Stream<Arguments> transientStorms() {
            return Stream.of(
                    arguments("HTTP 500 storm", EnumSet.of(FaultKind.SERVER_ERROR), 0.3),
                    arguments("connection resets", EnumSet.of(FaultKind.CONNECTION_RESET), 0.3),
                    arguments("truncated bodies (connection dropped mid-body)", EnumSet.of(FaultKind.TRUNCATED_BODY), 0.3),
                    arguments("timeouts (answer after 2.5 s, shop timeout 2 s)", EnumSet.of(FaultKind.SLOW_RESPONSE), 0.2),
                    arguments("500s, resets, truncations and timeouts mixed", EnumSet.of(FaultKind.SERVER_ERROR,
                            FaultKind.CONNECTION_RESET, FaultKind.TRUNCATED_BODY, FaultKind.SLOW_RESPONSE), 0.3));
        }

        @ParameterizedTest(name = "{0} at {2}")
        @MethodSource("transientStorms")
        @org.junit.jupiter.api.Order(1)
        void transientFaultsAreRetriedAndTheRunStoresExactlyWhatACleanRunStores(String fault, Set<FaultKind> kinds,
                                                                                 double share) {
            // given
            long integration = simulatorIntegration(api, shop);

            // when
            StormRun storm = syncDuringStorm(integration, kinds, share);
            Diff diff = storm.run().diffFrom(clean);
            storm.run().report(fault, "simulator " + kinds + " on " + Math.round(share * 100) + " % of requests",
                    requests(storm.stats()), diff);

            // then: every page went through in the end, and a page that went through clears the error
            assertThatJson(storm.run().sync()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"state": "SUCCEEDED", "error": null, "waitUntil": null, "progress": {"pagesDone": %d}}"""
                    .formatted(cleanPages));
            assertThat(faults(storm.stats())).as("faults injected").isPositive();
            diff.assertNone();
            assertStatus(api, integration, "CONNECTED");
        }

        /**
         * The simulator's "malformed" answer is a complete HTTP 200 whose JSON stops halfway: nothing says a
         * repeat would be better, so the run stops with the reason and keeps the pages it committed.
         */
        @Test
        @org.junit.jupiter.api.Order(2)
        void aBrokenJsonAnswerFailsTheRunWithTheReasonKeepsWholePagesAndTheNextRunCompletes() {
            // given
            long integration = simulatorIntegration(api, shop);

            // when
            StormRun storm = syncDuringStorm(integration, EnumSet.of(FaultKind.MALFORMED_JSON), 0.2);
            Map<String, String> kept = storm.run().rows();
            storm.run().report("malformed JSON (HTTP 200, body cut in half)", "simulator [MALFORMED_JSON] on 20 % of requests",
                    requests(storm.stats()), storm.run().diffFrom(clean));

            // then: whole pages kept, every row counted by a committed page is stored and nothing else (every product
            // the orders name is on the shop's product pages, so none is fetched one by one)
            assertFailed(storm.run().sync()).startsWith("ShipStation answered something unexpected: ")
                    .contains("is cut short: its JSON ends after").doesNotContain("REDACTED");
            assertThatJson(storm.run().sync()).node("progress.items").isEqualTo(kept.size());
            assertStatus(api, integration, "ERROR");
            assertPartOf(clean, kept);

            // when the shop answers well again
            shop.resetStats();
            Run rerun = runToTheEnd(api, integration, "all", null);
            Diff after = rerun.diffFrom(clean);
            rerun.report("  … the next run, no faults", "simulator", requests(shop.stats()), after);

            // then
            assertSucceeded(rerun.sync());
            after.assertNone();
            assertStatus(api, integration, "CONNECTED");
        }

        /**
         * Ten requests a second for the API key, and another app on the same key takes all it can for the
         * first 2.5 s: the host gets 429s (with {@code X-Rate-Limit-Reset}), waits each out, and then paces
         * itself on {@code X-Rate-Limit-Remaining}.
         */
        @Test
        @org.junit.jupiter.api.Order(3)
        void aRateLimitStormSharedWithAnotherAppIsWaitedOut() throws Exception {
            // given
            long integration = simulatorIntegration(api, shop);
            shop.resetStats();
            shop.setRateWindow(Duration.ofSeconds(1));
            shop.setRateLimit(10);
            NeighbourApp neighbour = new NeighbourApp(shop, Duration.ofMillis(2500));

            // when
            List<JsonNode> changes = new ArrayList<>();
            Run run;
            SimulatorStats stats;
            try {
                neighbour.start();
                run = runToTheEnd(api, integration, "all", changes);
            } finally {
                neighbour.stopAndJoin();
                shop.setRateLimit(0);
                stats = shop.stats();
            }
            long hostRefused = stats.tooManyRequests() - neighbour.refused.get();
            long hostRequests = stats.requests() - neighbour.sent.get();
            Diff diff = run.diffFrom(clean);
            run.report("429 storm, X-Rate-Limit-* headers (rate limit shared with another app)",
                    "simulator limit 10/s; a neighbour on the same key takes all it can for 2.5 s ("
                            + neighbour.sent.get() + " requests)", hostRequests + " requests, " + hostRefused + " answered 429",
                    diff);

            // then
            assertSucceeded(run.sync());
            assertThat(hostRefused).as("429s the host got").isPositive();
            assertWaitedOut(changes);
            diff.assertNone();
        }
    }

    /** What a storm left: the run, and the simulator's count of the requests and the faults it injected. */
    record StormRun(Run run, SimulatorStats stats) {
    }

    /** Another app on the same API key: asks for the stores as fast as it can for a while, counting the 429s it gets. */
    static final class NeighbourApp extends Thread {
        private final ShopSimulator shop;
        private final Duration busyFor;
        private final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        NeighbourApp(ShopSimulator shop, Duration busyFor) {
            super("neighbour-app");
            this.shop = shop;
            this.busyFor = busyFor;
        }

        @Override
        public void run() {
            HttpClient http = HttpClient.newHttpClient();
            long until = System.nanoTime() + busyFor.toNanos();
            while (!stop.get() && System.nanoTime() < until) {
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/stores"))
                                    .header("Authorization", shop.authorization()).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    sent.incrementAndGet();
                    refused.addAndGet(status == 429 ? 1 : 0);
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the neighbour's own trouble is not under test
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop.set(true);
            join();
        }
    }

    /**
     * Orders change while the host reads them: modified ones move to the end of the ModifyDate sort an incremental
     * sync pages through (and those on hold come free: new orders for the host).
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhileTheSimulatorsOrdersChange {
        /** 40 products, 160 orders: a first sync reads 2 + 8 pages of 20. */
        ShopSimulator shop;
        TestHost host;
        AdminCalls api;

        @BeforeAll
        void start() {
            shop = ShopSimulator.builder().seed(12).products(40).orders(160).orderDays(20).pageSizeCap(20).noRateLimit().start();
            Path hostDir = dir.resolve("simulator-changing");
            Map<String, String> env = hostEnv(hostDir, shop.baseUrl());
            // an overlap of 30 days: an incremental sync reads every order again, so that it has many pages to read
            env.put("SHOPLINK_ORDERS_OVERLAP_MINUTES", Integer.toString(30 * 24 * 60));
            host = TestHost.start(hostDir, env, Clock.systemUTC(), true);
            api = new AdminCalls(host);
        }

        @AfterAll
        void stop() {
            if (host != null) {
                host.close();
            }
            if (shop != null) {
                shop.close();
            }
        }

        /**
         * An incremental sync pages by modification time; orders modified while it reads move to the end.
         * What was modified before the run started is stored in its latest version by that run; what changed
         * during it, at the latest by the next run; and the result equals a clean first sync of the final shop.
         */
        @Test
        void ordersModifiedBetweenPagesAreNeitherLostNorStoredTwice() throws Exception {
            // given an integration that has synced once, and a shop that answers in 80 ms
            long integration = simulatorIntegration(api, shop);
            api.syncAndWait(integration, "all");
            shop.resetStats();
            ShopMutator mutator = new ShopMutator(shop);

            // when orders change while an incremental sync reads, and the next one runs after the changes
            Run during;
            SimulatorStats stats;
            shop.setLatency(Duration.ofMillis(80));
            try {
                mutator.start();
                during = runToTheEnd(api, integration, "orders", null);
                mutator.join();
            } finally {
                shop.setLatency(Duration.ZERO);
                stats = shop.stats();
            }
            assertSucceeded(during.sync());
            Run next = runToTheEnd(api, integration, "orders", null);
            assertSucceeded(next.sync());
            long reference = simulatorIntegration(api, shop);
            api.syncAndWait(reference, "all");
            Map<String, String> cleanFinal = snapshot(host, reference);
            Diff first = during.diffFrom(cleanFinal);
            Diff settled = next.diffFrom(cleanFinal);
            Instant runStart = Instant.parse(during.sync().get("startedAt").asText());
            Instant runEnd = Instant.parse(during.sync().get("finishedAt").asText());
            long betweenPages = mutator.batchesBetween(runStart, runEnd);
            during.report("pages changing while read (incremental sync, orders modified between pages)",
                    "simulator: " + mutator.orderChanges() + " order changes in " + mutator.batches.size() + " batches, "
                            + betweenPages + " of them while the run read its pages (80 ms a request)", requests(stats), first);
            next.report("  … the next incremental run", "simulator, no more changes", "-", settled);

            // then: orders the shop changed after the run began may still be in an older version; nothing else may differ
            assertThat(betweenPages).as("changes while the run was reading").isGreaterThanOrEqualTo(3);
            assertThatJson(during.sync()).node("progress.pagesDone").as("pages of the incremental read").isNumber()
                    .isGreaterThanOrEqualTo(BigDecimal.valueOf(8));
            assertThat(first.extra()).as("orders stored that the shop does not have").isEmpty();
            Set<String> changedDuringRun = orderKeys(shop, mutator.orderIdsChangedFrom(runStart.minusSeconds(1)));
            List<String> unexplained = new ArrayList<>(first.missing());
            unexplained.addAll(first.differing());
            unexplained.removeIf(changedDuringRun::contains);
            // a line added during the run may name a listing the next run offers: only the listing's offer may lag
            Map<String, String> afterFirst = during.rows();
            unexplained.removeIf(k -> k.startsWith("listing ") && afterFirst.containsKey(k)
                    && afterFirst.get(k).split("\\|\\|")[0].equals(cleanFinal.get(k).split("\\|\\|")[0]));
            assertThat(unexplained).as("rows wrong after the run that no change during it explains").isEmpty();
            settled.assertNone();
        }
    }

    /** The shop's owner at work: 16 batches of 5 order changes, 60 ms apart. */
    static final class ShopMutator extends Thread {
        private final ShopSimulator shop;
        final List<MutationBatch> batches = Collections.synchronizedList(new ArrayList<>());

        ShopMutator(ShopSimulator shop) {
            super("shop-mutator");
            this.shop = shop;
        }

        @Override
        public void run() {
            for (int i = 0; i < 16; i++) {
                batches.add(shop.mutateOrders(5));
                try {
                    Thread.sleep(60);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long orderChanges() {
            synchronized (batches) {
                return batches.stream().mapToLong(b -> b.orderIds().size()).sum();
            }
        }

        /** The batches made strictly between these instants. */
        long batchesBetween(Instant from, Instant to) {
            synchronized (batches) {
                return batches.stream().filter(b -> b.modifiedAt().isAfter(from) && b.modifiedAt().isBefore(to)).count();
            }
        }

        /** The orders of the batches made at that instant or later. */
        Set<Long> orderIdsChangedFrom(Instant from) {
            Set<Long> ids = new HashSet<>();
            synchronized (batches) {
                batches.stream().filter(b -> !b.modifiedAt().isBefore(from)).forEach(b -> ids.addAll(b.orderIds()));
            }
            return ids;
        }
    }

    // ------------------------------------------------------------------ WireMock

    /** Exact answers on exact pages: 5xx bursts, 429s with each header variant, garbled 200s, revoked keys. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class AgainstWireMock {
        final LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        final LocalDateTime recent = pacificNow().minusHours(3);
        /** Six products on three pages. */
        final List<List<Product>> products = pages(2, IntStream.rangeClosed(1, 6).mapToObj(i ->
                Product.of(9100 + i, "FS-SKU-" + i, "Fault suite coffee " + i, recent.minusHours(1).plusMinutes(i))).toList());
        /** Nine orders on three pages, each naming one or two of the products. */
        final List<List<Order>> orders = pages(3, IntStream.rangeClosed(1, 9).mapToObj(this::order).toList());

        ShipStationStub shipStation;
        TestHost host;
        AdminCalls api;
        Map<String, String> clean;

        Order order(int i) {
            Product p = products.get((i - 1) % 3).get((i - 1) % 2);
            Product q = products.get(i % 3).get(i % 2);
            return Order.of(9200 + i, "FS-" + (1000 + i), recent.minusMinutes(120 - i * 10),
                    Item.of(9300 + i * 10L, p.productId(), p.sku(), p.name(), 1 + i % 2, "14.50"),
                    Item.of(9301 + i * 10L, q.productId(), q.sku(), q.name(), 1, "12.00"));
        }

        @BeforeAll
        void start() {
            shipStation = new ShipStationStub();
            host = startHost(dir.resolve("wiremock"), shipStation.baseUrl(), Clock.systemUTC());
            api = new AdminCalls(host);
            ShipStationStub.Account account = shop();
            Run cleanRun = runToTheEnd(api, api.createIntegration(account, start), "all", null);
            assertSucceeded(cleanRun.sync());
            clean = cleanRun.rows();
            assertThat(clean).hasSize(6 + 9);
            cleanRun.report("none (clean run)", "WireMock, 6 products / 9 orders, 3 + 3 pages", requests(account),
                    compare(clean, clean));
        }

        @AfterAll
        void stop() {
            if (host != null) {
                host.close();
            }
            if (shipStation != null) {
                shipStation.close();
            }
        }

        /** A new ShipStation account (own keys) serving the suite's products and orders. */
        @SuppressWarnings("unchecked")
        ShipStationStub.Account shop() {
            return shipStation.account().products(products.toArray(new List[0])).orders(orders.toArray(new List[0]));
        }

        /** The clean rows of every product and of the first {@code orderPages} order pages: what whole pages keep. */
        Map<String, String> cleanUpTo(int orderPages) {
            Set<String> refs = new HashSet<>();
            orders.subList(0, orderPages).forEach(page -> page.forEach(o -> refs.add("order " + o.orderNumber())));
            Map<String, String> expected = new TreeMap<>(clean);
            expected.keySet().removeIf(k -> k.startsWith("order ") && !refs.contains(k));
            return expected;
        }

        /** A first sync of everything from a new integration of that shop, with the case's summary line. */
        Run firstSync(ShipStationStub.Account shop, String fault, String injected, List<JsonNode> changes) {
            Run run = runToTheEnd(api, api.createIntegration(shop, start), "all", changes);
            run.report(fault, injected, requests(shop), run.diffFrom(clean));
            return run;
        }

        /** The run after one that failed completes the rows. */
        void assertTheNextRunCompletes(long integration) {
            Run rerun = runToTheEnd(api, integration, "all", null);
            assertSucceeded(rerun.sync());
            rerun.diffFrom(clean).assertNone();
        }

        @ParameterizedTest(name = "HTTP {0} x3 on a product page and an order page")
        @ValueSource(ints = {500, 502, 503, 504})
        @org.junit.jupiter.api.Order(1)
        void burstsOfServerErrorsAreRetriedWithBackoff(int status) {
            // given
            ShipStationStub.Account shop = shop()
                    .answers("/products", 2, 3, aResponse().withStatus(status).withBody("{\"Message\":\"An error has occurred.\"}"))
                    .answers("/orders", 3, 3, aResponse().withStatus(status).withBody("<html>" + status + "</html>"));

            // when
            Run run = firstSync(shop, status + " burst", "WireMock: 3 x " + status + " on products page 2 and on orders page 3",
                    null);

            // then
            assertSucceeded(run.sync());
            run.diffFrom(clean).assertNone();
            assertThat(shop.requests("/products", 2)).hasSize(4);
            assertThat(shop.requests("/orders", 3)).hasSize(4);
            assertThat(shop.requests("/products", 1)).as("a committed page is not fetched again").hasSize(1);
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void anOutageLongerThanTheRetriesFailsWithTheReasonAndTheNextRunCompletes() {
            // given
            ShipStationStub.Account shop = shop().answers("/orders", 2, 6,
                    aResponse().withStatus(503).withBody("Service Unavailable"));

            // when
            Run failed = firstSync(shop, "503 outage beyond the retry budget",
                    "WireMock: 6 x 503 on orders page 2 (4 attempts allowed)", null);

            // then
            assertFailed(failed.sync()).startsWith("ShipStation unavailable: ShipStation answered HTTP 503 to GET /orders?page=2")
                    .endsWith("(gave up after 4 attempts)");
            JsonNode integration = api.integration(failed.integration());
            assertThatJson(integration).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "ERROR", "statusDetail": "${json-unit.any-string}"}""");
            assertThatJson(integration).node("statusDetail").isString().contains("gave up after 4 attempts");
            assertThat(failed.rows()).as("every product and the first order page, nothing of page 2").isEqualTo(cleanUpTo(1));

            // when the shop is back after 2 more 503s
            Run rerun = runToTheEnd(api, failed.integration(), "all", null);
            Diff after = rerun.diffFrom(clean);
            rerun.report("  … the next run (2 more 503s, then the shop is back)", "WireMock", requests(shop), after);

            // then
            assertSucceeded(rerun.sync());
            after.assertNone();
            assertStatus(api, failed.integration(), "CONNECTED");
        }

        static final String IN_TWO_SECONDS = "<two seconds from now as an HTTP date>";

        Stream<Arguments> tooManyRequests() {
            return Stream.of(
                    arguments("X-Rate-Limit-Reset only (V1)", 3, Map.of("X-Rate-Limit-Limit", "40",
                            "X-Rate-Limit-Remaining", "0", "X-Rate-Limit-Reset", "1")),
                    arguments("Retry-After seconds, no X-Rate-Limit-*", 2, Map.of("Retry-After", "1")),
                    arguments("Retry-After as an HTTP date", 2, Map.of("Retry-After", IN_TWO_SECONDS)),
                    arguments("Retry-After 0 and X-Rate-Limit-Reset 0", 2, Map.of("Retry-After", "0",
                            "X-Rate-Limit-Remaining", "0", "X-Rate-Limit-Reset", "0")));
        }

        static ResponseDefinitionBuilder tooManyRequestsAnswer() {
            return aResponse().withStatus(429).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"message\":\"Too Many Requests\"}");
        }

        @ParameterizedTest(name = "429 x{1}, {0}")
        @MethodSource("tooManyRequests")
        @org.junit.jupiter.api.Order(3)
        void aStormOf429sIsWaitedOutWithOneRequestPerWait(String headers, int times, Map<String, String> values) {
            // given: an HTTP date is written when the case runs, two seconds ahead
            ResponseDefinitionBuilder answer = tooManyRequestsAnswer();
            values.forEach((name, value) -> answer.withHeader(name, value.equals(IN_TWO_SECONDS)
                    ? DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)) : value));
            ShipStationStub.Account shop = shop().answers("/orders", 2, times, answer);

            // when
            List<JsonNode> changes = new ArrayList<>();
            Run run = firstSync(shop, "429 storm, " + headers, "WireMock: " + times + " x 429 on orders page 2 with "
                    + values.keySet(), changes);

            // then
            assertSucceeded(run.sync());
            assertWaitedOut(changes);
            run.diffFrom(clean).assertNone();
            assertThat(shop.requests("/orders", 2)).as("one request per wait, no hammering").hasSize(times + 1);
            // ShipStation's window is at least a second: no wait may be shorter
            assertThat(Duration.ofNanos(System.nanoTime() - run.startedNanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(times));
        }

        /**
         * A 429 that says nothing of when to come back is waited out for ShipStation's one-minute window. The
         * host is stopped during that wait and started again later: the run resumes from its last page.
         * (The first host's clock runs a minute behind so the test does not sleep for the minute.)
         */
        @Test
        @org.junit.jupiter.api.Order(4)
        void a429WithoutAnyHintWaitsAMinuteAndTheWaitSurvivesARestart() {
            // given
            ShipStationStub.Account shop = shop().answers("/orders", 2, 1, tooManyRequestsAnswer());
            Path hostDir = dir.resolve("wiremock-restart");
            Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-61));

            // when the run waits, its host is stopped
            long started = System.nanoTime();
            long integration;
            long syncId;
            long stopping;
            try (TestHost first = startHost(hostDir, shipStation.baseUrl(), behind)) {
                AdminCalls calls = new AdminCalls(first);
                integration = calls.createIntegration(shop, start);
                syncId = calls.startSync(integration, "all");
                JsonNode waiting = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> calls.sync(syncId), s -> s.get("state").asText().equals("WAITING_RATE_LIMIT"));
                assertThatJson(waiting).node("waitUntil").isString();
                Duration wait = Duration.between(behind.instant(), Instant.parse(waiting.get("waitUntil").asText()));
                assertThat(wait).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
                stopping = System.nanoTime();
            }
            long stopped = System.nanoTime();
            assertThat(shop.requests("/orders", 2)).as("nothing sent during the wait").hasSize(1);

            // ... and started again a minute later
            try (TestHost second = startHost(hostDir, shipStation.baseUrl(), Clock.systemUTC())) {
                AdminCalls calls = new AdminCalls(second);
                long ready = System.nanoTime();
                JsonNode done = awaitEnd(calls, syncId, null);
                long finished = System.nanoTime();
                Diff diff = compare(clean, snapshot(second, integration));
                report("429 without Retry-After or X-Rate-Limit-*", "WireMock: 1 x bare 429 on orders page 2, wait 60 s; the host"
                        + " is stopped during the wait (" + (stopped - stopping) / 1_000_000 + " ms) and started a minute later ("
                        + (ready - stopped) / 1_000_000 + " ms); the run resumed and ended " + (finished - ready) / 1_000_000
                        + " ms after the start", done, requests(shop), diff, started);

                // then
                assertSucceeded(done);
                diff.assertNone();
                assertThat(shop.requests("/orders", 2)).hasSize(2);
                assertThat(shop.requests("/orders", 1)).as("resumed after the last committed page").hasSize(1);
            }
        }

        @ParameterizedTest(name = "{0} x2 on products page 1")
        @EnumSource(Fault.class)
        @org.junit.jupiter.api.Order(5)
        void brokenConnectionsAreRetried(Fault fault) {
            // given
            ShipStationStub.Account shop = shop().answers("/products", 1, 2, aResponse().withFault(fault));

            // when
            Run run = firstSync(shop, "connection fault " + fault, "WireMock: 2 x " + fault + " on products page 1", null);

            // then
            assertSucceeded(run.sync());
            run.diffFrom(clean).assertNone();
            assertThat(shop.requests("/products", 1)).hasSize(3);
        }

        @Test
        @org.junit.jupiter.api.Order(6)
        void slowAnswersBeyondTheShopTimeoutAreRetried() {
            // given
            ShipStationStub.Account shop = shop().answers("/orders", 1, 2,
                    okBody(ShipStationStub.ordersPage(orders, 1)).withFixedDelay(2600));

            // when
            Run run = firstSync(shop, "timeouts", "WireMock: orders page 1 answered after 2.6 s twice (shop timeout 2 s)", null);

            // then
            assertSucceeded(run.sync());
            run.diffFrom(clean).assertNone();
            assertThat(shop.requests("/orders", 1)).hasSize(3);
        }

        @Test
        @org.junit.jupiter.api.Order(7)
        void aShopThatNeverAnswersInTimeFailsWithTheReason() {
            // given
            ShipStationStub.Account shop = shop().answers("/orders", 2, 4,
                    okBody(ShipStationStub.ordersPage(orders, 2)).withFixedDelay(2600));

            // when
            Run failed = firstSync(shop, "timeouts beyond the retry budget", "WireMock: orders page 2 answered after 2.6 s, 4 times",
                    null);

            // then
            assertFailed(failed.sync()).startsWith("ShipStation unavailable: ShipStation did not answer GET /orders?page=2")
                    .contains("within 2 s").endsWith("(gave up after 4 attempts)");
            assertThat(failed.rows()).isEqualTo(cleanUpTo(1));
            assertTheNextRunCompletes(failed.integration());
        }

        Stream<Arguments> garbledAnswers() {
            String page2 = ShipStationStub.ordersPage(orders, 2);
            String badDate = page2.replaceFirst("\"orderDate\":\"[^\"]*\"", "\"orderDate\":\"yesterday\"");
            String textId = page2.replaceFirst("\"orderId\":[0-9]+", "\"orderId\":{\"id\":1}");
            return Stream.of(
                    arguments("an HTML page", "<html><body><h1>502 Bad Gateway</h1></body></html>", "is not valid JSON"),
                    arguments("the JSON cut in half", page2.substring(0, page2.length() / 2), "is cut short: its JSON ends after "
                            + page2.length() / 2 + " bytes"),
                    arguments("an empty body", "", " is empty"),
                    arguments("no orders array", "{\"message\":\"OK\"}", "has no 'orders' array"),
                    arguments("orders as an object", "{\"orders\":{\"orderId\":1},\"total\":9,\"page\":2,\"pages\":3}",
                            "has an unexpected value at 'orders'"),
                    arguments("an order id that is an object", textId, "has an unexpected value at 'orders[0].orderId'"),
                    arguments("an order date that is no date", badDate, "'orderDate' = \"yesterday\", which is not a ShipStation timestamp"));
        }

        /** A garbled 200 is not retried: the run stops with what was wrong, keeps whole pages, and the next run completes. */
        @ParameterizedTest(name = "HTTP 200 with {0}")
        @MethodSource("garbledAnswers")
        @org.junit.jupiter.api.Order(8)
        void aGarbledAnswerFailsTheRunWithWhatWasWrong(String what, String body, String reason) {
            // given
            ShipStationStub.Account shop = shop().answers("/orders", 2, 1, okBody(body));

            // when
            Run failed = firstSync(shop, "malformed 200: " + what, "WireMock: orders page 2 once", null);

            // then
            assertFailed(failed.sync())
                    .startsWith("ShipStation answered something unexpected: ShipStation's answer to GET /orders?page=2")
                    .contains(reason);
            assertStatus(api, failed.integration(), "ERROR");
            assertThat(shop.requests("/orders", 2)).as("not repeated").hasSize(1);
            assertThat(failed.rows()).isEqualTo(cleanUpTo(1));
            assertTheNextRunCompletes(failed.integration());
        }

        /**
         * The shop's owner regenerates the API keys while a sync runs: the run fails at its next request, the
         * integration says to PATCH new keys, and once they are patched a new run completes the rows.
         */
        @Test
        @org.junit.jupiter.api.Order(9)
        @SuppressWarnings("unchecked")
        void credentialsRevokedMidSyncFailTheRunUntilNewKeysArePatched() {
            // given a shop that answers slowly enough to revoke the keys between pages
            ShipStationStub.Account shop = shop();
            long integration = api.createIntegration(shop, start);
            shop.delayed(250).products(products.toArray(new List[0])).orders(orders.toArray(new List[0]));

            // when the keys are revoked once two pages are committed
            long started = System.nanoTime();
            long syncId = api.startSync(integration, "all");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> api.sync(syncId).at("/progress/pagesDone").asInt() >= 2);
            shop.rejectCredentials();
            JsonNode failed = awaitEnd(api, syncId, null);
            Map<String, String> kept = snapshot(host, integration);
            report("credentials revoked mid-sync", "WireMock: every request 401 once 2 pages were committed", failed,
                    requests(shop), compare(clean, kept), started);

            // then
            assertFailed(failed).contains("rejected the stored credentials")
                    .contains("HTTP 401").endsWith("send new keys with PATCH /api/v1/integrations/" + integration);
            JsonNode invalid = api.integration(integration);
            assertThatJson(invalid).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"id": %d, "status": "CREDENTIALS_INVALID", "statusDetail": "${json-unit.any-string}"}""".formatted(integration));
            assertThatJson(invalid).node("statusDetail").isString().contains("PATCH /api/v1/integrations/" + integration);
            int pages = failed.at("/progress/pagesDone").asInt();
            Map<String, String> wholePages = pages <= 3 ? listingsOfPages(pages) : cleanUpTo(pages - 3);
            assertThat(kept).as("whole pages of the %s committed", pages).isEqualTo(wholePages);
            TestHost.Response refused = host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "all"));
            assertThat(refused.status()).isEqualTo(409);

            // when the new keys are patched
            ShipStationStub.Account regenerated = shop();
            TestHost.Response patched = host.patch("/api/v1/integrations/" + integration,
                    Map.of("credentials", regenerated.credentials()));

            // then the integration is connected again and the next run completes the rows
            assertThat(patched.status()).as("%s", patched).isEqualTo(200);
            assertThatJson(patched.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"id": %d, "status": "CONNECTED"}""".formatted(integration));
            Run rerun = runToTheEnd(api, integration, "all", null);
            Diff after = rerun.diffFrom(clean);
            rerun.report("  … after PATCH with the new keys", "WireMock", requests(regenerated), after);
            assertSucceeded(rerun.sync());
            after.assertNone();
        }

        Map<String, String> listingsOfPages(int pages) {
            Set<String> ids = new HashSet<>();
            products.subList(0, pages).forEach(page -> page.forEach(p -> ids.add("listing " + p.productId())));
            Map<String, String> expected = new TreeMap<>(clean);
            expected.keySet().retainAll(ids);
            return expected;
        }

        /**
         * During a first sync (ordered by order date, paged by number) an order imported late with an earlier
         * order date shifts the list by one after page 1, and an order on page 3 changes: the order at the
         * boundary is read twice and stored once, the late one is picked up by the next (incremental) run, and
         * then the rows equal a clean run of the changed shop.
         */
        @Test
        @org.junit.jupiter.api.Order(10)
        @SuppressWarnings("unchecked")
        void anOrderInsertedBetweenPagesIsStoredOnceAndNothingIsLost() {
            // given a shop whose order list shifts by one after page 1
            Order late = Order.of(9299, "FS-LATE", orders.get(0).get(0).orderDate().plusMinutes(1),
                    orders.get(0).get(0).items().toArray(new Item[0])).status("awaiting_shipment", pacificNow());
            Order changed = orders.get(2).get(1).status("shipped", pacificNow());
            List<Order> all = new ArrayList<>(orders.stream().flatMap(List::stream).toList());
            all.add(1, late);
            all.set(all.indexOf(orders.get(2).get(1)), changed);
            List<List<Order>> after = pages(3, all);
            ShipStationStub.Account shop = shipStation.account().products(products.toArray(new List[0]))
                    .ordersChangingWhileRead(1, orders, after)
                    .ordersModifiedSince(List.of(late, changed));

            // when a first sync runs, compared with a clean run of the final shop
            Run during = runToTheEnd(api, api.createIntegration(shop, start), "all", null);
            ShipStationStub.Account finalShop = shipStation.account().products(products.toArray(new List[0]))
                    .orders(after.toArray(new List[0]));
            long reference = api.createIntegration(finalShop, start);
            api.syncAndWait(reference, "all");
            Map<String, String> cleanFinal = snapshot(host, reference);
            Diff first = during.diffFrom(cleanFinal);
            during.report("pages changing while read (first sync, order inserted before the read position, one modified)",
                    "WireMock: after orders page 1 the list shifts by one (3 -> 4 pages)", requests(shop), first);

            // then
            assertSucceeded(during.sync());
            assertThat(shop.requests("/orders")).as("pages 1 to 4").hasSize(4);
            assertThat(first.extra()).isEmpty();
            assertThat(first.missing()).as("only the late order, placed before the read position").containsExactly("order FS-LATE");
            assertThat(first.differing()).isEmpty();

            // when the next incremental run reads the late and the changed order
            Run next = runToTheEnd(api, during.integration(), "orders", null);
            Diff settled = next.diffFrom(cleanFinal);
            next.report("  … the next incremental run", "WireMock: modifyDateStart returns the late and the changed order",
                    requests(shop), settled);

            // then
            assertSucceeded(next.sync());
            settled.assertNone();
        }
    }

    // ------------------------------------------------------------------ shared

    /**
     * A host with a shop timeout of 2 s (the smallest setting is 1 s, which an ordinary answer can exceed on a
     * busy machine), retries from 20 ms, and 4 failures in a row allowed per page.
     */
    static TestHost startHost(Path hostDir, String shopBaseUrl, Clock clock) {
        return TestHost.start(hostDir, hostEnv(hostDir, shopBaseUrl), clock, true);
    }

    static Map<String, String> hostEnv(Path hostDir, String shopBaseUrl) {
        Map<String, String> env = TestHost.env(hostDir, shopBaseUrl);
        env.put("SHOPLINK_SHOP_TIMEOUT_SECONDS", "2");
        env.put("SHOPLINK_SYNC_RETRY_BASE_MS", "20");
        env.put("SHOPLINK_SYNC_MAX_ATTEMPTS", "4");
        return env;
    }

    private static final AtomicInteger SIMULATOR_SHOPS = new AtomicInteger();

    /** An integration of the simulator's shop under a shop URL no other integration uses; its orders all lie after the start date. */
    static long simulatorIntegration(AdminCalls api, ShopSimulator shop) {
        int n = SIMULATOR_SHOPS.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shipstation");
        body.put("name", "Fault suite shop " + n);
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://fault-suite-" + n + ".example.com");
        body.put("credentials", Map.of("apiKey", shop.apiKey(), "apiSecret", shop.apiSecret()));
        body.put("syncStartDate", LocalDate.now(ZoneOffset.UTC).minusDays(25).toString());
        return api.createIntegration(body).get("id").asLong();
    }

    /** A sync run to its end: the integration, the run as the API shows it then, the rows stored after it, when it began. */
    record Run(long integration, JsonNode sync, Map<String, String> rows, long startedNanos) {
        Diff diffFrom(Map<String, String> clean) {
            return compare(clean, rows);
        }

        /** Prints the run's summary line. */
        void report(String fault, String injected, String requests, Diff diff) {
            SyncFaultSuiteE2ETest.report(fault, injected, sync, requests, diff, startedNanos);
        }
    }

    /** Starts a sync of that scope, waits for its end (recording its changes of state if asked) and reads the rows stored. */
    static Run runToTheEnd(AdminCalls api, long integration, String scope, List<JsonNode> changes) {
        long started = System.nanoTime();
        JsonNode sync = awaitEnd(api, api.startSync(integration, scope), changes);
        return new Run(integration, sync, snapshot(api.host(), integration), started);
    }

    /** The run ended well: no error left (a page that went through clears it) and no wait pending. */
    static void assertSucceeded(JsonNode run) {
        assertThatJson(run).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "SUCCEEDED", "error": null, "waitUntil": null, "finishedAt": "${json-unit.any-string}"}""");
    }

    /** The run ended with a reason and no wait pending; returns the reason, for what it must say. */
    static StringAssert assertFailed(JsonNode run) {
        assertThatJson(run).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "FAILED", "error": "${json-unit.any-string}", "waitUntil": null, "finishedAt": "${json-unit.any-string}"}""");
        return assertThatJson(run).node("error").isString();
    }

    static void assertStatus(AdminCalls api, long integration, String status) {
        assertThatJson(api.integration(integration)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"id": %d, "status": "%s"}""".formatted(integration, status));
    }

    /** The polls saw the run wait for the shop's rate limit, and each wait said until when. */
    static void assertWaitedOut(List<JsonNode> changes) {
        List<JsonNode> waits = changes.stream().filter(s -> s.path("state").asText().equals("WAITING_RATE_LIMIT")).toList();
        assertThat(waits).as("rate-limit waits among the changes %s", changes).isNotEmpty()
                .allSatisfy(wait -> assertThatJson(wait).node("waitUntil").isString().isNotEmpty());
    }

    /** Waits (longer than {@link AdminCalls#awaitFinished}: storms take a while on a busy machine) for the run's end. */
    static JsonNode awaitEnd(AdminCalls api, long syncId, List<JsonNode> changes) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode s = api.sync(syncId);
                    if (changes != null && (changes.isEmpty()
                            || !changes.get(changes.size() - 1).get("state").equals(s.get("state")))) {
                        changes.add(s);
                    }
                    return s;
                }, s -> s.get("state").asText().equals("SUCCEEDED") || s.get("state").asText().equals("FAILED"));
    }

    /**
     * The roaster's status as a clean run must reproduce it. An order the shop has cancelled or shipped lands
     * archived or completed when it is first imported that way, but keeps the status it had (flagged) when the
     * shop's change reaches an order imported earlier (docs/API.md, "Orders and the shop's state"): for those
     * the status depends on when the sync first saw the order, so the state stands in for it, once the order is
     * checked to hold one of the rule's two outcomes (this suite never changes a status itself).
     */
    static String roasterStatus(JsonNode order) {
        String state = order.get("externalState").asText();
        String status = order.get("status").asText();
        String attention = order.hasNonNull("attention") ? order.get("attention").asText() : "none";
        String outcome = status + ", attention " + attention;
        switch (state) {
            case "CANCELLED" -> assertThat(outcome).as("order %s, cancelled in the shop", order.get("externalRef"))
                    .isIn("ARCHIVED, attention none", "RECEIVED, attention CANCELLED_IN_SHOP");
            case "CLOSED" -> assertThat(outcome).as("order %s, shipped by the shop", order.get("externalRef"))
                    .isIn("COMPLETED, attention none", "RECEIVED, attention SHIPPED_BY_SHOP");
            default -> {
                return status;
            }
        }
        return "(decided by the shop: " + state + ")";
    }

    /**
     * Every listing and order of the integration, keyed by the shop's id, with what was stored (nothing the host
     * assigns itself); a row listed twice fails the test.
     */
    static Map<String, String> snapshot(TestHost host, long integrationId) {
        Map<String, String> rows = new TreeMap<>();
        for (int page = 1; ; page++) {
            JsonNode listings = ok(host.get("/api/v1/integrations/" + integrationId
                    + "/listings?includeHidden=true&size=500&page=" + page));
            for (JsonNode l : listings.get("items")) {
                // what the product pages store, then (after "||") what the order phase may still change: a listing
                // older than the start date is offered once an order names it
                String previous = rows.put("listing " + l.get("externalId").asText(), String.join("|",
                        l.get("sku").asText(), l.get("name").asText(), l.path("variant").asText(), l.path("price").asText(),
                        l.get("active").asText(), l.path("problem").asText(), l.get("createdAt").asText())
                        + "||" + l.get("offered").asText() + "|" + l.get("state").asText());
                assertThat(previous).as("listing %s stored twice", l.get("externalId")).isNull();
            }
            if (page * 500L >= listings.get("total").asLong()) {
                break;
            }
        }
        // orders through the next links: a total above 10,000 is capped ("10,000+") and cannot say where to stop
        String link = "/api/v1/orders?integrationId=" + integrationId + "&size=500";
        while (link != null) {
            JsonNode orders = ok(host.get(link));
            for (JsonNode o : orders.get("items")) {
                List<String> items = new ArrayList<>();
                o.get("items").forEach(i -> items.add(i.get("sku").asText() + " x" + i.get("quantity").asInt() + " @"
                        + i.get("unitPrice").asText() + " " + i.get("name").asText()));
                JsonNode c = o.get("customer");
                String previous = rows.put("order " + o.get("externalRef").asText(), String.join("|",
                        o.get("externalStatus").asText(), o.get("externalState").asText(), roasterStatus(o),
                        o.get("orderDate").asText(), c.path("name").asText(), c.path("email").asText(),
                        c.path("address").asText(), items.toString()));
                assertThat(previous).as("order %s stored twice", o.get("externalRef")).isNull();
            }
            link = orders.hasNonNull("next") ? orders.get("next").asText() : null;
        }
        return rows;
    }

    /** The snapshot keys ("order <number>") of these simulator order ids, as the shop itself names them. */
    static Set<String> orderKeys(ShopSimulator shop, Set<Long> orderIds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        Set<String> keys = new HashSet<>();
        for (long id : orderIds) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/orders/" + id))
                    .header("Authorization", shop.authorization()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(200);
            keys.add("order " + json.readTree(r.body()).get("orderNumber").asText());
        }
        return keys;
    }

    private static JsonNode ok(TestHost.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** Rows missing from the run, rows it has that a clean run has not, rows stored differently. */
    record Diff(int clean, int stored, List<String> missing, List<String> extra, List<String> differing, String example) {
        void assertNone() {
            assertThat(missing).as("rows lost").isEmpty();
            assertThat(extra).as("rows a clean run does not store").isEmpty();
            assertThat(differing).as("rows stored differently from a clean run").isEmpty();
        }

        String describe() {
            return stored + "/" + clean + " rows (missing " + missing.size() + ", extra " + extra.size() + ", differing "
                    + differing.size() + ")" + (example.isEmpty() ? "" : " e.g. " + example);
        }
    }

    static Diff compare(Map<String, String> clean, Map<String, String> stored) {
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        clean.forEach((k, v) -> {
            String mine = stored.get(k);
            if (mine == null) {
                missing.add(k);
            } else if (!mine.equals(v)) {
                differing.add(k);
            }
        });
        List<String> extra = stored.keySet().stream().filter(Predicate.not(clean::containsKey)).toList();
        String example = differing.isEmpty() ? "" : differing.get(0) + ": clean " + clean.get(differing.get(0)) + ", stored "
                + stored.get(differing.get(0));
        return new Diff(clean.size(), stored.size(), missing, extra, differing, example);
    }

    /**
     * What a run that stopped keeps must be whole pages of what a clean run stores: nothing extra, every row as
     * the clean run stores it, except what only a later phase changes (a listing offered once an order names it).
     */
    static void assertPartOf(Map<String, String> clean, Map<String, String> kept) {
        Diff diff = compare(clean, kept);
        assertThat(diff.extra()).as("rows a clean run does not store").isEmpty();
        assertThat(diff.differing()).as("rows stored differently from a clean run, beyond what the order phase sets")
                .allSatisfy(k -> assertThat(k).startsWith("listing "))
                .allSatisfy(k -> assertThat(kept.get(k).split("\\|\\|")[0]).isEqualTo(clean.get(k).split("\\|\\|")[0]));
    }

    static long faults(SimulatorStats stats) {
        return stats.faults().values().stream().mapToLong(Long::longValue).sum();
    }

    static String requests(SimulatorStats stats) {
        return stats.requests() + " requests, " + faults(stats) + " faulted " + stats.faults() + ", " + stats.tooManyRequests()
                + " answered 429";
    }

    static String requests(ShipStationStub.Account shop) {
        return shop.requests("/products").size() + " product-page + " + shop.requests("/orders").size()
                + " order-page requests";
    }

    static void report(String fault, String injected, JsonNode run, String requests, Diff diff, long startedNanos) {
        String line = String.join(" | ", "FAULT-SUITE", fault, injected,
                "pages " + run.at("/progress/pagesDone").asText(), requests,
                run.get("state").asText() + (run.get("error").isNull() ? "" : ": " + run.get("error").asText()),
                diff.describe(), (System.nanoTime() - startedNanos) / 1_000_000 + " ms");
        SUMMARY.add(line);
        System.out.println(line);
    }

    static <T> List<List<T>> pages(int size, List<T> items) {
        List<List<T>> pages = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            pages.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return pages;
    }
}
