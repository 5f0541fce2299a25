package dev.shoplink.host.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shoplink.host.testing.ChildHost;
import dev.shoplink.host.testing.TestDatabases;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of a sync: the worker stops at a page boundary, the database closes last
 * (H2's own shutdown hook is off), the process exits without an error in its log, the run stays
 * active and resumes on the next start, ending with exactly the rows of a clean run.
 */
class GracefulStopE2ETest {
    @TempDir
    static Path dir;
    static ShopSimulator shop;

    @BeforeAll
    static void startShop() {
        shop = ShopSimulator.builder().seed(3).products(60).orders(3_000).orderDays(28).pageSizeCap(100)
                .latency(Duration.ofMillis(60)).noRateLimit().start();
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    @Test
    void aSyncStoppedBySigtermEndsItsPageClosesTheStoreAndResumesOnTheNextStart() throws Exception {
        Path home = dir.resolve("stopped");
        Map<String, String> env = TestHost.env(home, shop.baseUrl());
        TestHost.installBundledPlugins(Path.of(env.get("SHOPLINK_PLUGINS_DIR")));
        Path log = home.resolve("host.log");

        ChildHost first = ChildHost.start(env, log).awaitReady();
        long integrationId = first.post("/api/v1/integrations", Snapshots.form(shop, "Stopped", "https://stopped.example.com"))
                .json().get("id").asLong();
        long syncId = first.post("/api/v1/integrations/" + integrationId + "/sync", Map.of("scope", "all")).json()
                .get("syncId").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> first.get("/api/v1/syncs/" + syncId).json().get("progress").get("pagesDone").asInt() >= 5);

        long t0 = System.nanoTime();
        int exit = first.terminate();
        long stopMillis = (System.nanoTime() - t0) / 1_000_000;
        String firstLog = Files.readString(log);
        assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(firstLog.lines().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR .*")))
                .as("ERROR lines in the first host's log").isEmpty();
        assertThat(firstLog).contains("Shoplink stopping");
        assertThat(home.resolve("data").resolve("shoplink.running")).as("clean-stop marker removed").doesNotExist();
        if (!TestDatabases.postgres()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data").resolve("shoplink.mv.db"))))
                    .as("database file mode").isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data"))))
                    .as("data folder mode").isEqualTo("rwx------");
        }

        ChildHost second = ChildHost.start(env, log).awaitReady();
        try {
            String state = second.get("/api/v1/syncs/" + syncId).json().get("state").asText();
            assertThat(state).as("the stopped run after the restart").isIn("QUEUED", "RUNNING", "SUCCEEDED");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> second.get("/api/v1/syncs/" + syncId).json().get("state").asText().equals("SUCCEEDED"));
            Map<String, String> resumed = Snapshots.of(second::get, integrationId);
            Map<String, String> clean = Snapshots.cleanRun(dir.resolve("clean"), shop);
            assertThat(Snapshots.differences(clean, resumed)).isEmpty();
            System.out.printf("graceful stop: SIGTERM mid-sync stopped the host in %d ms (exit %d), no ERROR logged; the run"
                    + " resumed after the restart and stored %d rows equal to a clean run%n", stopMillis, exit, resumed.size());
        } finally {
            second.terminate();
        }
    }
}
