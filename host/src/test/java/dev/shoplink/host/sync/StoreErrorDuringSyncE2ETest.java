package dev.shoplink.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.LogLines;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestDatabases;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error of the store in the middle of a sync — here the integration's row locked by another transaction for longer
 * than the store waits for a lock (set to 1 s here, on H2 and on PostgreSQL) — rolls back the page it met and nothing
 * else: the run is due again after a backoff and resumes after its last committed page. Before, the page's error failed the whole sync, and one met outside a page (the
 * run's claim) left it RUNNING for db-scheduler's default retry delay of 5 minutes (a kill-suite run in CI waited
 * 3 minutes for it in vain).
 */
class StoreErrorDuringSyncE2ETest {
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final int ORDERS = 12;

    @TempDir
    Path dir;
    HostWithShop<MemoryShop> served;

    @AfterEach
    void stop() throws Exception {
        if (served != null) {
            served.close();
        }
    }

    private AdminCalls serve(String maxAttempts) {
        Map<String, String> env = TestHost.env(dir, TestHost.NO_SHOP);
        TestDatabases.lockTimeout(env, 1_000); // H2's own default; the host's is 10 s
        env.put("SHOPLINK_SYNC_RETRY_BASE_MS", "400");
        env.put("SHOPLINK_SYNC_MAX_ATTEMPTS", maxAttempts);
        served = HostWithShop.memory(dir, env);
        return served.api();
    }

    /** A shop of {@value #ORDERS} recent orders in pages of 2, each page answered after 150 ms. */
    private MemoryShop.Account shop() {
        ShopOrder[] orders = new ShopOrder[ORDERS];
        Instant placed = Instant.now().minus(Duration.ofHours(5));
        for (int i = 0; i < ORDERS; i++) {
            String id = Integer.toString(7000 + i);
            orders[i] = MemoryShop.order(id, "SE-" + i, placed.plusSeconds(60L * i),
                    MemoryShop.line(id + "1", "", "SE-SKU", 1, "9.50"));
        }
        return served.shop().account().pageSize(2).delayed(150).orders(orders);
    }

    /**
     * Once the sync wrote a page, holds the integration's row lock from a transaction of its own until
     * {@code release} says so (polled every 10 ms, at most 30 s).
     */
    private void lockIntegrationOnceAPageIsDone(AdminCalls api, long integration, long sync, BooleanSupplier release)
            throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> api.sync(sync).at("/progress/pagesDone").asInt() >= 1);
        try (Connection c = TestDatabases.lockIntegration(served.host(), integration)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(release::getAsBoolean);
            c.rollback();
        }
    }

    private static boolean logged(LogLines log, String text) {
        return log.events().stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }

    @Test
    void aLockHeldPastTheTimeoutDelaysTheSyncWhichResumesAfterItsLastCommittedPage() throws Exception {
        AdminCalls api = serve("6");
        MemoryShop.Account shop = shop();
        long integration = api.createIntegration(shop, START);
        try (LogLines log = LogLines.of(SyncWorker.class, Level.WARN)) {
            long sync = api.startSync(integration, "orders");
            long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
            lockIntegrationOnceAPageIsDone(api, integration, sync, () -> System.nanoTime() > until);

            JsonNode done = api.awaitFinished(sync);
            assertThat(done.get("state").asText()).as("%s", done).isEqualTo("SUCCEEDED");
            assertThat(log.events()).as("the log names every attempt an error ended")
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("ended by an error")
                            .contains("resumes after its last committed page"));
        }
        JsonNode orders = api.orders("integrationId=" + integration + "&size=100");
        assertThat(orders.get("total").asInt()).as("every order once: %s", orders).isEqualTo(ORDERS);
        assertThat(shop.requests(MemoryShop.Call.ORDERS)).as("pages asked again: only the one rolled back")
                .hasSizeLessThanOrEqualTo(ORDERS / 2 + 3);
    }

    @Test
    void aStoreThatKeepsFailingEndsTheSyncAsFailedWithAReferenceToTheLog() throws Exception {
        AdminCalls api = serve("2");
        long integration = api.createIntegration(shop(), START);
        JsonNode done;
        try (LogLines log = LogLines.of(SyncWorker.class, Level.WARN)) {
            long sync = api.startSync(integration, "orders");
            // held until the second attempt has met it too; the run's end then takes the lock
            lockIntegrationOnceAPageIsDone(api, integration, sync, () -> logged(log, "attempt 2 of 2"));
            done = api.awaitFinished(sync);
        }
        assertThat(done.get("state").asText()).as("%s", done).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).contains("failed 2 times in a row on an error of the database")
                .contains("incident");
        assertThat(api.integration(integration).get("status").asText()).isEqualTo("ERROR");
    }
}
