package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestDatabases;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that needs rows another transaction holds waits its turn (H2: up to 10 s, where H2's own default of 1 s
 * failed it; PostgreSQL waits as long as it takes), and a request whose wait runs out is a 503 that says nothing was
 * changed and when to try again — not a 500 with an incident.
 */
class StoreBusyE2ETest {
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);

    @TempDir
    Path dir;
    HostWithShop<MemoryShop> served;
    TestHost host;

    @AfterEach
    void stop() throws Exception {
        if (served != null) {
            served.close();
        }
    }

    private AdminCalls serve(boolean shortLockTimeout) {
        Map<String, String> env = TestHost.env(dir, TestHost.NO_SHOP);
        if (shortLockTimeout) {
            TestDatabases.lockTimeout(env, 300);
        }
        served = HostWithShop.memory(dir, env);
        host = served.host();
        return served.api();
    }

    private static void release(Connection lock) throws Exception {
        lock.rollback();
        lock.close();
    }

    @Test
    void aRequestWaitsForRowsAnotherTransactionHoldsForLongerThanASecond() throws Exception {
        // given an integration whose row a long page write holds
        AdminCalls api = serve(false);
        long id = api.createIntegration(served.shop().account(), START);
        Connection lock = TestDatabases.lockIntegration(host, id);

        // when it is disconnected meanwhile
        long sent = System.nanoTime();
        CompletableFuture<TestHost.Response> disconnect = CompletableFuture.supplyAsync(
                () -> host.delete("/api/v1/integrations/" + id));
        Thread.sleep(1_500);
        assertThat(disconnect).as("answered while the row was still held").isNotDone();
        release(lock);

        // then the request waited its turn and did its work
        TestHost.Response r = disconnect.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
        assertThat(api.integration(id).get("status").asText()).isEqualTo("DISCONNECTED");
    }

    @Test
    void aRequestWhoseWaitRunsOutIsA503ThatChangedNothing() throws Exception {
        // given a store that gives up waiting for a lock after 300 ms, and an integration whose row is held
        AdminCalls api = serve(true);
        long id = api.createIntegration(served.shop().account(), START);
        Connection lock = TestDatabases.lockIntegration(host, id);

        // when it is disconnected meanwhile
        TestHost.Response busy;
        try {
            busy = host.delete("/api/v1/integrations/" + id);
        } finally {
            release(lock);
        }

        // then the answer says to send it again, and nothing changed
        assertThat(busy.status()).as("%s", busy).isEqualTo(503);
        assertThat(busy.json().get("type").asText()).endsWith("/store-busy");
        assertThat(busy.json().get("detail").asText()).contains("nothing was changed").contains("send it again");
        assertThat(api.integration(id).get("status").asText()).isNotEqualTo("DISCONNECTED");
        TestHost.Response again = host.delete("/api/v1/integrations/" + id);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(api.integration(id).get("status").asText()).isEqualTo("DISCONNECTED");
    }
}
