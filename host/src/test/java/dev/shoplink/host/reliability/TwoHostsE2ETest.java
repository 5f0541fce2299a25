package dev.shoplink.host.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shoplink.host.testing.ChildHost;
import dev.shoplink.host.testing.PostgresServer;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts, one PostgreSQL (the deployment of docs/operations.md): a sync runs on exactly one of
 * them; when that one is killed, the other takes the sync over once the dead host's heartbeat has
 * timed out and resumes after the last committed page; when that one only stalls (SIGSTOP, as a
 * long GC pause or a frozen VM would) and wakes up after the takeover, it commits nothing more.
 * Either way every order is stored once, exactly as a clean run stores it.
 */
class TwoHostsE2ETest {
    @TempDir
    static Path dir;
    static ShopSimulator shop;
    static Map<String, String> reference;

    @BeforeAll
    static void start() {
        PostgresServer.get();
        shop = ShopSimulator.builder().seed(5).products(80).orders(6_000).orderDays(28).pageSizeCap(100)
                .latency(Duration.ofMillis(80)).noRateLimit().start();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void theSurvivorTakesOverTheSyncOfAKilledHostAndStoresEachOrderOnce() throws Exception {
        run("killed", ChildHost::kill);
    }

    @Test
    void aStalledHostThatWakesUpAfterTheTakeoverCommitsNothingMore() throws Exception {
        run("stalled", host -> {
            signal(host, "STOP");
            // the survivor takes over after the missed heartbeats; then the stalled host wakes up mid-page
            awaitOwnerOtherThan(host);
            signal(host, "CONT");
        });
    }

    private void run(String name, java.util.function.Consumer<ChildHost> fault) throws Exception {
        String dbUrl = PostgresServer.get().database("two_hosts_" + name);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> shared = new HashMap<>();
        shared.put("SHOPLINK_DB_URL", dbUrl);
        shared.put("SHOPLINK_DB_USER", "shoplink");
        shared.put("SHOPLINK_DB_PASSWORD", "");
        shared.put("SHOPLINK_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        ChildHost a = ChildHost.start(hostEnv(name + "-a", shared), dir.resolve(name + "-a.log")).awaitReady();
        ChildHost b = ChildHost.start(hostEnv(name + "-b", shared), dir.resolve(name + "-b.log")).awaitReady();
        currentDb = dbUrl;
        try {
            long integrationId = a.post("/api/v1/integrations", Snapshots.form(shop, "Two hosts", "https://two-hosts.example.com"))
                    .json().get("id").asLong();
            long syncId = b.post("/api/v1/integrations/" + integrationId + "/sync", Map.of("scope", "all")).json()
                    .get("syncId").asLong();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> a.get("/api/v1/syncs/" + syncId).json().get("progress").get("pagesDone").asInt() >= 12);
            ChildHost runner = owner().orElseThrow().contains("/" + a.process().pid() + "/") ? a : b;
            ChildHost survivor = runner == a ? b : a;
            int pagesAtFault = survivor.get("/api/v1/syncs/" + syncId).json().get("progress").get("pagesDone").asInt();

            fault.accept(runner);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> survivor.get("/api/v1/syncs/" + syncId).json().get("state").asText().equals("SUCCEEDED"));
            assertThat(owner().orElseThrow()).as("the run's owner at the end").contains("/" + survivor.process().pid() + "/");
            assertThat(Files.readString(dir.resolve((runner == a ? name + "-b" : name + "-a") + ".log")))
                    .as("the survivor's log").contains("sync " + syncId + " of integration " + integrationId + " running");
            Map<String, String> rows = Snapshots.of(survivor::get, integrationId);
            assertThat(Snapshots.differences(reference(), rows)).as("rows against a clean run").isEmpty();
            System.out.printf("two hosts (%s): sync %d had %d pages committed when its host was %s; the other host took it over"
                    + " and finished; %d rows equal to a clean run%n", name, syncId, pagesAtFault, name, rows.size());
        } finally {
            a.close();
            b.close();
        }
    }

    private static String currentDb;

    private static Optional<String> owner() throws Exception {
        try (Connection c = DriverManager.getConnection(currentDb, "shoplink", "");
             var r = c.createStatement().executeQuery("select owner from sync_run order by id desc fetch first 1 rows only")) {
            return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
        }
    }

    private static void awaitOwnerOtherThan(ChildHost host) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> owner().map(o -> !o.contains("/" + host.process().pid() + "/")).orElse(false));
    }

    private static void signal(ChildHost host, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(host.process().pid())).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> hostEnv(String name, Map<String, String> shared) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPLINK_DATA_DIR", dir.resolve(name).resolve("data").toString());
        env.put("SHOPLINK_PLUGINS_DIR", dir.resolve(name).resolve("plugins").toString());
        env.put("SHOPLINK_ADMIN_TOKEN", TestHost.TOKEN);
        env.put("SHOPLINK_SHIPSTATION_BASE_URL", shop.baseUrl());
        env.put("SHOPLINK_SYNC_RETRY_BASE_MS", "50");
        env.put("SHOPLINK_SHOP_TIMEOUT_SECONDS", "5");
        env.put("SHOPLINK_PLUGIN_SCAN_SECONDS", "0");
        env.putAll(shared);
        TestHost.installBundledPlugins(dir.resolve(name).resolve("plugins"));
        return env;
    }

    private static synchronized Map<String, String> reference() {
        if (reference == null) {
            reference = Snapshots.cleanRun(dir.resolve("clean"), shop);
        }
        return reference;
    }
}
