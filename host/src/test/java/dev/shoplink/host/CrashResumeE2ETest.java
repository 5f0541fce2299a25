package dev.shoplink.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.reliability.Snapshots;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills the host process (a real child JVM, {@code destroyForcibly}) in the middle of a sync,
 * starts it again on the same data folder, and checks that the resumed sync ends with exactly the
 * rows a clean, uninterrupted run stores: nothing lost, nothing twice.
 */
class CrashResumeE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ShopSimulator shop;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startShop() {
        // small pages and some latency, so that the sync is still running when it is killed
        shop = ShopSimulator.builder().seed(7).products(600).orders(1500).pageSizeCap(25)
                .latency(Duration.ofMillis(15)).noRateLimit().start();
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    /** Killed in the product phase (page 8 of 24) and in the order phase (page 10 of 30 order pages). */
    @ParameterizedTest(name = "killed after {0} pages")
    @ValueSource(ints = {8, 34})
    void aSyncKilledMidwayResumesAndStoresExactlyWhatACleanRunStores(int killAfterPages) throws Exception {
        Path crashed = dir.resolve("crashed-" + killAfterPages);
        int port = freePort();
        Map<String, String> env = TestHost.env(crashed, shop.baseUrl());
        env.put("SHOPLINK_PORT", Integer.toString(port));
        TestHost.installBundledPlugins(Path.of(env.get("SHOPLINK_PLUGINS_DIR")));

        Process first = startChild(env, crashed.resolve("first.log"));
        long syncId;
        try {
            awaitReady(port);
            long integrationId = createIntegration(port);
            syncId = post(port, "/api/v1/integrations/" + integrationId + "/sync", "{\"scope\":\"all\"}").get("syncId").asLong();
            // wait until several pages are committed, well before the end (24 product + 30 order pages)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> get(port, "/api/v1/syncs/" + syncId).get("progress").get("pagesDone").asInt() >= killAfterPages);
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        JsonNode atCrash = null;
        Process second = startChild(env, crashed.resolve("second.log"));
        try {
            awaitReady(port);
            atCrash = get(port, "/api/v1/syncs/" + syncId);
            assertThat(atCrash.get("state").asText()).isIn("RUNNING", "QUEUED");
            assertThat(atCrash.get("phase").asText()).as("the phase the kill hit")
                    .isEqualTo(killAfterPages < 24 ? "PRODUCTS" : "ORDERS");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(port, "/api/v1/syncs/" + syncId).get("state").asText().equals("SUCCEEDED"));
            Map<String, String> resumed = snapshot(port);

            try (TestHost clean = TestHost.start(dir.resolve("clean-" + killAfterPages), shop.baseUrl())) {
                int cleanPort = clean.app().port();
                long cleanIntegration = createIntegration(cleanPort);
                long cleanSync = post(cleanPort, "/api/v1/integrations/" + cleanIntegration + "/sync", "{\"scope\":\"all\"}")
                        .get("syncId").asLong();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> get(cleanPort, "/api/v1/syncs/" + cleanSync).get("state").asText().equals("SUCCEEDED"));
                Map<String, String> reference = snapshot(cleanPort);

                assertThat(reference).isNotEmpty();
                assertThat(Snapshots.differences(reference, resumed)).as("rows differing from a clean run").isEmpty();
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    /** Every listing and order the host holds ({@link Snapshots#ofJson}), keyed by external id, with what was stored. */
    private Map<String, String> snapshot(int port) throws Exception {
        long integrationId = get(port, "/api/v1/integrations").get("items").get(0).get("id").asLong();
        return Snapshots.ofJson(path -> {
            try {
                return get(port, path);
            } catch (Exception e) {
                throw new IllegalStateException("GET " + path, e);
            }
        }, integrationId);
    }

    private Process startChild(Map<String, String> env, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.shoplink.host.Main");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        log.getParent().toFile().mkdirs();
        return pb.start();
    }

    private void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private long createIntegration(int port) throws Exception {
        String form = JSON.writeValueAsString(Snapshots.form(shop, "Crash test", "https://crash.example.com"));
        JsonNode created = post(port, "/api/v1/integrations", form);
        assertThat(created.has("id")).as(created.toString()).isTrue();
        return created.get("id").asLong();
    }

    private JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(int port, String path, String body) throws Exception {
        return JSON.readTree(http.send(request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestHost.TOKEN).timeout(Duration.ofSeconds(30));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
