package dev.shoplink.host.sync;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disconnecting stops the integration's sync: a page the shop was still sending when the user
 * disconnected is not written afterwards. Stopping the host lets a running page finish, so a
 * restart on the same data folder shows what that page left behind.
 */
class DisconnectDuringSyncE2ETest {
    @TempDir
    Path dir;
    MemoryShop memoryShop;
    TestHost host;

    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final Instant RECENT = Instant.now().minus(Duration.ofHours(3));

    @BeforeEach
    void start() {
        memoryShop = new MemoryShop();
        host = serve();
    }

    @AfterEach
    void stop() {
        host.close();
        memoryShop.close();
    }

    private TestHost restart() {
        host.close();
        host = serve();
        return host;
    }

    /** A host on this test's folder serving the memory shop's connector. */
    private TestHost serve() {
        return TestHost.startServing(dir, TestHost.env(dir, TestHost.NO_SHOP), memoryShop.connector());
    }

    /** An integration and the order sync it is running. */
    private record Running(long integration, long sync) {
    }

    /** Starts an order sync whose only page the shop answers slowly, and waits until the host is fetching it. */
    private Running slowOrderSync(AdminCalls api, String ref) {
        MemoryShop.Account shop = memoryShop.account().delayed(1500).orders(
                MemoryShop.order("9001", ref, RECENT, MemoryShop.line("90011", "", "DS-SKU", 1, "10.00")));
        long integration = api.createIntegration(shop, START);
        long sync = api.startSync(integration, "orders");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !shop.requests(MemoryShop.Call.ORDERS).isEmpty());
        return new Running(integration, sync);
    }

    @Test
    void purgingDuringASyncLeavesNothingBehind() {
        // given
        Running running = slowOrderSync(new AdminCalls(host), "DS-PURGE");

        // when
        TestHost.Response purged = host.delete("/api/v1/integrations/" + running.integration() + "?purge=true");

        // then
        assertThat(purged.status()).as("%s", purged).isEqualTo(200);
        assertThatJson(purged.body()).node("syncsStopped").isEqualTo(1);
        AdminCalls after = new AdminCalls(restart());
        assertThatJson(after.orders("integrationId=" + running.integration())).node("total").isEqualTo(0);
        JsonNode run = after.sync(running.sync());
        assertThatJson(run).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "FAILED", "progress": {"pagesDone": 0}}""");
        assertThatJson(run).node("error").asString().contains("disconnected");
    }

    @Test
    void disconnectingDuringASyncImportsNoOpenOrderAfterTheArchive() {
        // given
        long integration = slowOrderSync(new AdminCalls(host), "DS-ARCHIVE").integration();

        // when
        TestHost.Response disconnected = host.delete("/api/v1/integrations/" + integration);

        // then
        assertThat(disconnected.status()).isEqualTo(200);
        AdminCalls after = new AdminCalls(restart());
        JsonNode orders = after.orders("integrationId=" + integration + "&status=RECEIVED");
        assertThatJson(orders).node("total").as("no RECEIVED order of a disconnected shop: %s", orders).isEqualTo(0);
        assertThatJson(after.integration(integration)).node("status").isEqualTo("DISCONNECTED");
        assertThat(host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "orders")).status())
                .isEqualTo(404);
    }
}
