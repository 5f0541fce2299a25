package dev.shoplink.host.sync;

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

    /** Starts an order sync whose only page the shop answers slowly, and waits until the host is fetching it. */
    private long slowOrderSync(AdminCalls api, String ref) {
        MemoryShop.Account shop = memoryShop.account().delayed(1500).orders(
                MemoryShop.order("9001", ref, RECENT, MemoryShop.line("90011", "", "DS-SKU", 1, "10.00")));
        long integration = api.createIntegration(shop, START);
        long sync = api.startSync(integration, "orders");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !shop.requests(MemoryShop.Call.ORDERS).isEmpty());
        return integration * 1_000_000 + sync;
    }

    @Test
    void purgingDuringASyncLeavesNothingBehind() {
        AdminCalls api = new AdminCalls(host);
        long ids = slowOrderSync(api, "DS-PURGE");
        long integration = ids / 1_000_000;
        long sync = ids % 1_000_000;

        TestHost.Response purged = host.delete("/api/v1/integrations/" + integration + "?purge=true");
        assertThat(purged.status()).as("%s", purged).isEqualTo(200);
        assertThat(purged.json().get("syncsStopped").asInt()).isEqualTo(1);

        AdminCalls after = new AdminCalls(restart());
        assertThat(after.orders("integrationId=" + integration).get("total").asLong()).isZero();
        JsonNode run = after.sync(sync);
        assertThat(run.get("state").asText()).isEqualTo("FAILED");
        assertThat(run.get("error").asText()).contains("disconnected");
        assertThat(run.at("/progress/pagesDone").asInt()).isZero();
    }

    @Test
    void disconnectingDuringASyncImportsNoOpenOrderAfterTheArchive() {
        AdminCalls api = new AdminCalls(host);
        long integration = slowOrderSync(api, "DS-ARCHIVE") / 1_000_000;

        assertThat(host.delete("/api/v1/integrations/" + integration).status()).isEqualTo(200);

        AdminCalls after = new AdminCalls(restart());
        JsonNode orders = after.orders("integrationId=" + integration + "&status=RECEIVED");
        assertThat(orders.get("total").asLong()).as("no RECEIVED order of a disconnected shop: %s", orders).isZero();
        assertThat(after.integration(integration).get("status").asText()).isEqualTo("DISCONNECTED");
        assertThat(host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "orders")).status())
                .isEqualTo(404);
    }
}
