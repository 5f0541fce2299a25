package dev.shoplink.host.sync;

import static dev.shoplink.host.testing.ShipStationStub.pacificNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.MemoryShop.Call;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.ShipStationStub.Product;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting holds no thread: 50 integrations whose shops each report a used-up rate limit (wait 15 s) twice share the host's two sync
 * threads and progress together, and a shop that is not throttled syncs at once meanwhile. With a thread asleep per
 * wait, the 50 runs would take 50 × 30 s / 2 threads = 750 s and the unthrottled one would queue behind them.
 */
class ManyRateLimitedShopsE2ETest {
    static final int SHOPS = 50;
    static final int WAIT_SECONDS = 15;

    @TempDir
    Path dir;

    @Test
    void fiftyRateLimitedShopsProgressTogetherAndAnUnthrottledShopIsNotHeldUp() throws Exception {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        Duration wait = Duration.ofSeconds(WAIT_SECONDS);
        Instant created = Instant.now().minus(Duration.ofHours(2));
        try (HostWithShop<MemoryShop> running = HostWithShop.memory(dir)) {
            AdminCalls api = running.api();
            List<MemoryShop.Account> throttled = new ArrayList<>();
            List<Long> integrations = new ArrayList<>();
            for (int i = 0; i < SHOPS; i++) {
                MemoryShop.Account shop = running.shop().account()
                        .listings(MemoryShop.listing(Integer.toString(1000 + i), "RL-" + i, "Coffee " + i, created))
                        .rateLimitedOnce(Call.LISTINGS, 1, wait);
                throttled.add(shop);
                integrations.add(api.createIntegration(shop, start));
            }
            for (MemoryShop.Account shop : throttled) {
                // a second rate limit once the first wait is over: each run waits twice
                shop.rateLimitedOnce(Call.LISTINGS, 1, wait);
            }
            MemoryShop.Account free = running.shop().account()
                    .listings(MemoryShop.listing("9999", "FREE-1", "Unthrottled", created));
            long freeIntegration = api.createIntegration(free, start);

            long started = System.nanoTime();
            List<Long> syncs = integrations.stream().map(id -> api.startSync(id, "products")).toList();
            // every throttled run has met its first 429 and waits; none holds a thread
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(100))
                    .until(() -> syncs.stream().allMatch(id -> api.sync(id).get("state").asText().equals("WAITING_RATE_LIMIT")));

            long freeStarted = System.nanoTime();
            JsonNode freeRun = api.awaitFinished(api.startSync(freeIntegration, "products"));
            Duration freeTook = Duration.ofNanos(System.nanoTime() - freeStarted);
            assertThat(freeRun.get("state").asText()).as("%s", freeRun).isEqualTo("SUCCEEDED");
            assertThat(freeTook).as("the unthrottled shop's sync is not queued behind the waiting ones")
                    .isLessThan(Duration.ofSeconds(WAIT_SECONDS / 2));
            long stillWaiting = syncs.stream().filter(id -> api.sync(id).get("state").asText().equals("WAITING_RATE_LIMIT"))
                    .count();
            assertThat(stillWaiting).as("the throttled runs were still waiting meanwhile").isPositive();

            // all 50 end after about two waits, not after 50 × 2 waits / 2 threads
            await().atMost(Duration.ofSeconds(6L * WAIT_SECONDS)).pollInterval(Duration.ofMillis(250))
                    .until(() -> syncs.stream().allMatch(id -> api.sync(id).get("state").asText().equals("SUCCEEDED")));
            Duration all = Duration.ofNanos(System.nanoTime() - started);
            assertThat(all).isGreaterThanOrEqualTo(Duration.ofSeconds(2L * WAIT_SECONDS));
            for (MemoryShop.Account shop : throttled) {
                assertThat(shop.requests(Call.LISTINGS)).extracting(MemoryShop.Request::cursor)
                        .as("one request of the first page per wait, then the page").containsExactly("", "", "");
            }
            System.out.printf("%d rate-limited shops (2 waits of %d s each) synced in %d ms; the unthrottled shop in %d ms%n",
                    SHOPS, WAIT_SECONDS, all.toMillis(), freeTook.toMillis());
        }
    }

    /**
     * A run resumes when its wait ends, not at the scheduler's next poll after it (polls are a second apart): three
     * 429s in a row asking to wait 1 s each. The second and third waits start right after a poll picked the run up,
     * so a run left to the poll would resume about a second late each time (a gap of ~2 s between the 429 and the
     * next request); resumed on time the gap is the second asked for plus the run's own start-up.
     */
    @Test
    void aRunResumesWhenItsWaitEndsNotAtTheNextPoll() {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        try (ShipStationStub shipStation = new ShipStationStub(); TestHost host = TestHost.start(dir, shipStation.baseUrl())) {
            AdminCalls api = new AdminCalls(host);
            ShipStationStub.Account shop = shipStation.account()
                    .products(List.of(Product.of(1, "ON-TIME-1", "Coffee", pacificNow().minusHours(2))));
            long integration = api.createIntegration(shop, start);
            for (int i = 0; i < 3; i++) {
                shop.tooManyRequestsOnce("/products", 1, 1);
            }
            JsonNode run = api.awaitFinished(api.startSync(integration, "products"));
            assertThat(run.get("state").asText()).as("%s", run).isEqualTo("SUCCEEDED");

            List<Long> at = shop.requests("/products", 1).stream().map(r -> r.getLoggedDate().getTime()).toList();
            assertThat(at).as("three 429s, then the page").hasSize(4);
            for (int i = 1; i < at.size(); i++) {
                long gap = at.get(i) - at.get(i - 1);
                assertThat(gap).as("ms from 429 number %d to the next request (all: %s)", i, at)
                        .isGreaterThanOrEqualTo(1_000).isLessThan(1_600);
            }
        }
    }

    /**
     * When several runs' waits end together, each sends the first request of its new window before any of them holds
     * a sync thread for its whole window: three shops of six slow pages (400 ms each) wait 2 s after a 429 on page 1,
     * and the host has two sync threads. Holding the thread, the third shop's window would open only after one of the
     * others had read all six pages (~2.4 s late); taking turns, after one page of each.
     */
    @Test
    void runsWhoseWaitsEndTogetherEachOpenTheirWindowBeforeAnyHoldsAThread() {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        try (ShipStationStub shipStation = new ShipStationStub(); TestHost host = TestHost.start(dir, shipStation.baseUrl())) {
            AdminCalls api = new AdminCalls(host);
            List<ShipStationStub.Account> shops = new ArrayList<>();
            List<Long> integrations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<List<Product>> pages = new ArrayList<>();
                for (int p = 1; p <= 6; p++) {
                    pages.add(List.of(Product.of(100L * i + p, "TURN-" + i + "-" + p, "Coffee", pacificNow().minusHours(2))));
                }
                @SuppressWarnings("unchecked")
                List<Product>[] asArray = pages.toArray(new List[0]);
                ShipStationStub.Account shop = shipStation.account().delayed(400).products(asArray);
                integrations.add(api.createIntegration(shop, start));
                shop.tooManyRequestsOnce("/products", 1, 2);
                shops.add(shop);
            }
            List<Long> syncs = integrations.stream().map(id -> api.startSync(id, "products")).toList();
            for (long sync : syncs) {
                JsonNode run = api.awaitFinished(sync);
                assertThat(run.get("state").asText()).as("%s", run).isEqualTo("SUCCEEDED");
            }
            for (ShipStationStub.Account shop : shops) {
                List<Long> page1 = shop.requests("/products", 1).stream().map(r -> r.getLoggedDate().getTime()).toList();
                assertThat(page1).as("the 429, then the page").hasSize(2);
                assertThat(page1.get(1) - page1.get(0)).as("ms from the 429 to the first request of the new window")
                        .isGreaterThanOrEqualTo(2_000).isLessThan(3_000);
                assertThat(shop.requests("/products")).as("no page asked twice").hasSize(7);
            }
        }
    }

    /**
     * The worker pool's size is the one setting of how many runs work at once: six shops of slow pages (300 ms a
     * call) synced together keep exactly {@code SHOPLINK_SYNC_THREADS} calls in flight at the peak, three here, and
     * two with the default.
     */
    @Test
    void theSyncThreadsSettingIsHowManyRunsWorkAtOnce() throws Exception {
        assertThat(peakOfSixSlowSyncs(Map.of("SHOPLINK_SYNC_THREADS", "3"), dir.resolve("three"))).isEqualTo(3);
        assertThat(peakOfSixSlowSyncs(Map.of(), dir.resolve("default"))).isEqualTo(2);
    }

    private static int peakOfSixSlowSyncs(Map<String, String> settings, Path hostDir) throws Exception {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        Instant created = Instant.now().minus(Duration.ofHours(2));
        try (HostWithShop<MemoryShop> running = HostWithShop.memory(hostDir, settings)) {
            AdminCalls api = running.api();
            List<Long> integrations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                MemoryShop.Account shop = running.shop().account().pageSize(1);
                for (int p = 0; p < 5; p++) {
                    shop.put(MemoryShop.listing(i + "-" + p, "POOL-" + i + "-" + p, "Coffee " + i, created));
                }
                integrations.add(api.createIntegration(shop, start));
                shop.delayed(300);
            }
            List<Long> syncs = integrations.stream().map(id -> api.startSync(id, "products")).toList();
            for (long sync : syncs) {
                assertThat(api.awaitFinished(sync).get("state").asText()).isEqualTo("SUCCEEDED");
            }
            return running.shop().peakConcurrentCalls();
        }
    }
}
