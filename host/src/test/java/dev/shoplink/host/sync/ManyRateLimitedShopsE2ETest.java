package dev.shoplink.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.MemoryShop.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
}
