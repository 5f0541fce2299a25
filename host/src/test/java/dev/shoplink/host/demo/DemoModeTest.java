package dev.shoplink.host.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.testing.TestHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --demo}: the demo shop as a child JVM, its own data folder, a ready Shopify integration that syncs,
 * and the same shop through ShipStation beside it.
 */
class DemoModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void startsBesideTheDemoShopWithAReadyIntegrationThatSynchronizes() throws Exception {
        Map<String, String> env = TestHost.env(dir, "http://unused.invalid");
        env.remove("SHOPLINK_SHIPSTATION_BASE_URL");
        TestHost.installBundledPlugins(Path.of(env.get("SHOPLINK_PLUGINS_DIR")));
        HostConfig config = new ConfigLoader(env, new Properties()).load();
        System.setProperty("shoplink.demo.classpath", System.getProperty("java.class.path"));
        try (DemoMode demo = DemoMode.start(config)) {
            int port = demo.host().port();
            assertThat(demo.host().config().dataDir()).isEqualTo(dir.resolve("data-demo"));
            assertThat(Files.exists(dir.resolve("data").resolve("shoplink.mv.db"))).isFalse();
            assertThat(get(port, "/api/v1/system").get("demo").asBoolean()).isTrue();

            JsonNode integrations = get(port, "/api/v1/integrations").get("items");
            assertThat(integrations).hasSize(2);
            assertThat(List.of(integrations.get(0).get("name").asText(), integrations.get(1).get("name").asText()))
                    .containsExactly(DemoMode.SHIPSTATION_INTEGRATION_NAME, DemoMode.INTEGRATION_NAME);
            assertThat(List.of(integrations.get(0).get("connector").asText(), integrations.get(1).get("connector").asText()))
                    .containsExactly("shipstation", "shopify");
            JsonNode demoShop = integrations.get(1);
            assertThat(demoShop.get("name").asText()).isEqualTo("Demo Shopify");

            long syncId = post(port, "/api/v1/integrations/" + demoShop.get("id").asLong() + "/sync", "{\"scope\":\"all\"}")
                    .get("syncId").asLong();
            // the demo shop paces itself: pages advance visibly and the sync waits for the shop's rate limit at least once
            java.util.Set<String> states = new java.util.LinkedHashSet<>();
            java.util.Set<Integer> pagesSeen = new java.util.TreeSet<>();
            long t0 = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode run = get(port, "/api/v1/syncs/" + syncId);
                String state = run.get("state").asText();
                states.add(state);
                if (state.equals("RUNNING") || state.equals("WAITING_RATE_LIMIT")) {
                    pagesSeen.add(run.get("progress").get("pagesDone").asInt());
                }
                if (state.equals("WAITING_RATE_LIMIT")) {
                    assertThat(run.get("waitUntil").isTextual()).as("waitUntil while waiting: " + run).isTrue();
                }
                return !state.equals("QUEUED") && !state.equals("RUNNING") && !state.equals("WAITING_RATE_LIMIT");
            });
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            JsonNode finished = get(port, "/api/v1/syncs/" + syncId);
            System.out.println("demo first sync: " + seconds + " s, " + finished.at("/progress/pagesDone").asInt()
                    + " pages, states " + states + ", pages seen " + pagesSeen);
            assertThat(states).contains("RUNNING", "WAITING_RATE_LIMIT");
            assertThat(pagesSeen).hasSizeGreaterThanOrEqualTo(3);
            assertThat(finished.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(get(port, "/api/v1/integrations/" + demoShop.get("id").asLong() + "/listings?state=NEW").get("total").asInt())
                    .isPositive();
            JsonNode orders = get(port, "/api/v1/orders?integrationId=" + demoShop.get("id").asLong());
            assertThat(orders.get("total").asInt()).isPositive();
            assertThat(orders.get("items").get(0).get("externalRef").asText()).matches("#1\\d{3}");

            // ready only once the demo integrations exist: start() returns after both, and then it answers 200
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            // a second integration with the demo's keys (printed in the log and the README) is accepted by the demo shop
            HttpResponse<String> second = send(port, "POST", "/api/v1/integrations", JSON.writeValueAsString(Map.of(
                    "connector", "shipstation", "name", "Second store", "customerType", "WHOLESALE",
                    "shopUrl", "https://second-roastery.example", "syncStartDate", java.time.LocalDate.now().toString(),
                    "credentials", Map.of("apiKey", DemoMode.API_KEY, "apiSecret", DemoMode.API_SECRET))));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        } finally {
            System.clearProperty("shoplink.demo.classpath");
        }
    }

    @Test
    void aHostStartedNotReadyAnswers503UntilMarkedReadyThenSaysInOneLineWhereTheUiAndTokenAre() throws Exception {
        Map<String, String> env = TestHost.env(dir, "http://unused.invalid");
        env.remove("SHOPLINK_ADMIN_TOKEN");
        HostConfig config = new ConfigLoader(env, new Properties()).load();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                dev.shoplink.host.Shoplink.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // the tests' root logger is at WARN
        logger.addAppender(log);
        try (dev.shoplink.host.Shoplink host = dev.shoplink.host.Shoplink.startNotReady(config, java.time.Clock.systemUTC())) {
            URI ready = URI.create("http://localhost:" + host.port() + "/health/ready");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            host.markReady();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            List<String> readyLines = log.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("Shoplink ready")).toList();
            assertThat(readyLines).containsExactly("Shoplink ready: open http://localhost:" + host.port() + "/ — admin token in "
                    + dir.resolve("data").resolve("admin-token"));
            assertThat(Files.exists(dir.resolve("data").resolve("admin-token"))).isTrue();
        } finally {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
    }

    @Test
    void resetDeletesTheDemoDataFolderOnly() throws Exception {
        Map<String, String> env = TestHost.env(dir, "http://unused.invalid");
        HostConfig config = new ConfigLoader(env, new Properties()).load();
        Path real = Files.createDirectories(dir.resolve("data"));
        Files.writeString(real.resolve("keep.txt"), "real");
        Path demo = Files.createDirectories(dir.resolve("data-demo").resolve("nested"));
        Files.writeString(demo.resolve("x.txt"), "demo");

        assertThat(DemoMode.reset(config)).contains(dir.resolve("data-demo").toAbsolutePath().normalize());
        assertThat(dir.resolve("data-demo")).doesNotExist();
        assertThat(real.resolve("keep.txt")).hasContent("real");
        assertThat(DemoMode.reset(config)).isEmpty();
    }

    private static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestHost.TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestHost.TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode post(int port, String path, String body) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestHost.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
