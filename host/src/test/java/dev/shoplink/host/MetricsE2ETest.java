package dev.shoplink.host;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.MemoryShop.Call;
import dev.shoplink.host.testing.TestHost;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics end to end: the real host syncs from the in-memory test shop (one page rate-limited
 * first), then {@code GET /metrics} is scraped and read like Prometheus would.
 */
class MetricsE2ETest {
    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<MemoryShop> running;
    static MemoryShop shop;
    static TestHost host;
    static AdminCalls api;

    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final Instant RECENT = Instant.now().minus(Duration.ofHours(3));

    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        shop = running.shop();
        host = running.host();
        api = running.api();
    }

    /**
     * One sync of two listing pages (the second rate-limited once) and one order page naming a listing the host has
     * not seen, then an API call with an id in its path, to find its template (and not the id) among the routes;
     * then the metrics scraped.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AfterOneSync {
        long integration;
        long syncId;
        JsonNode done;
        TestHost.Response scraped;
        Map<String, Double> metrics;
        final String ss = "connector=\"memory\"";

        @BeforeAll
        void syncAndScrape() {
            // given
            MemoryShop.Account account = shop.account().pageSize(2)
                    .listings(MemoryShop.listing("101", "MX-ETH-250-WB", "Ethiopia Guji 250 g", RECENT),
                            MemoryShop.listing("102", "MX-KEN-1KG-WB", "Kenya AA 1 kg", RECENT.plusSeconds(60)),
                            MemoryShop.listing("103", "MX-COL-340-FI", "Colombia Huila 340 g", RECENT.plusSeconds(120)))
                    .rateLimitedOnce(Call.LISTINGS, 2, Duration.ofSeconds(1))
                    .unlisted(MemoryShop.listing("900", "MX-OLD-250-WB", "An old blend", RECENT.minus(Duration.ofDays(30))))
                    .orders(MemoryShop.order("5001", "MX-1", RECENT.plusSeconds(300), MemoryShop.line("50011", "101", "MX-ETH-250-WB", 2, "14.50")),
                            MemoryShop.order("5002", "MX-2", RECENT.plusSeconds(360), MemoryShop.line("50021", "900", "MX-OLD-250-WB", 1, "9.00")));
            integration = api.createIntegration(account, START);
            syncId = api.startSync(integration, "all");
            done = api.awaitFinished(syncId);
            assertThat(host.get("/api/v1/integrations/" + integration).status()).isEqualTo(200);
            assertThat(host.get("/api/v1/syncs/" + syncId).status()).isEqualTo(200);

            // when
            scraped = scrape(true);
            // the syncs-by-state gauges are read from the database at most every 5 s: an earlier scrape may still be cached
            metrics = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> parse(scrape(true).body()), m -> sum(m, "shoplink_syncs", "state=\"SUCCEEDED\"") == 1);
        }

        @Test
        void theSyncSucceededWithTheProgressTheMetricsAreComparedWith() {
            assertThatJson(done).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"state": "SUCCEEDED", "progress": {"pagesDone": 3, "items": 5}}""");
        }

        @Test
        void areServedAsPlainText() {
            assertThat(scraped.status()).as("%s", scraped).isEqualTo(200);
            assertThat(scraped.contentType()).startsWith("text/plain");
        }

        @Test
        void countPagesAndItemsPerConnectorAndPhaseAsTheProgressCountsThem() {
            assertThat(sum(metrics, "shoplink_sync_pages_total", ss)).isEqualTo(done.at("/progress/pagesDone").asLong());
            assertThat(sum(metrics, "shoplink_sync_items_total", ss)).isEqualTo(done.at("/progress/items").asLong());
            assertThat(value(metrics, "shoplink_sync_pages_total", ss, "phase=\"products\"")).isEqualTo(2);
            assertThat(value(metrics, "shoplink_sync_items_total", ss, "phase=\"products\"")).isEqualTo(3);
            assertThat(value(metrics, "shoplink_sync_pages_total", ss, "phase=\"orders\"")).isEqualTo(1);
            assertThat(value(metrics, "shoplink_sync_items_total", ss, "phase=\"orders\"")).isEqualTo(2);
        }

        @Test
        void timeEveryConnectorCall() {
            // the credential check, three listings pages (one of them rate-limited), orders, one lookup
            assertThat(value(metrics, "shoplink_shop_requests_seconds_count", ss, "call=\"validate\"", "outcome=\"success\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "shoplink_shop_requests_seconds_count", ss, "call=\"listings\"", "outcome=\"success\""))
                    .isEqualTo(2);
            assertThat(value(metrics, "shoplink_shop_requests_seconds_count", ss, "call=\"listings\"", "outcome=\"rate_limited\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "shoplink_shop_requests_seconds_count", ss, "call=\"orders\"", "outcome=\"success\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "shoplink_shop_requests_seconds_count", ss, "call=\"listing\"", "outcome=\"success\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "shoplink_shop_requests_seconds_sum", ss, "call=\"listings\"", "outcome=\"success\""))
                    .isPositive();
        }

        @Test
        void countTheRateLimitAndTheSecondItAskedFor() {
            double limited = value(metrics, "shoplink_shop_rate_limited_total", ss, "call=\"listings\"");
            assertThat(limited).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "shoplink_shop_rate_limit_wait_seconds_count", ss)).isEqualTo(limited);
            assertThat(value(metrics, "shoplink_shop_rate_limit_wait_seconds_sum", ss)).isBetween(1.0, 1.5);
            assertThat(sum(metrics, "shoplink_shop_unavailable_total", ss)).isZero();
        }

        @Test
        void countSyncsByStateStraightFromTheDatabase() {
            assertThat(value(metrics, "shoplink_syncs", "state=\"SUCCEEDED\"")).isEqualTo(1);
            assertThat(value(metrics, "shoplink_syncs", "state=\"FAILED\"")).isZero();
            assertThat(value(metrics, "shoplink_syncs", "state=\"RUNNING\"")).isZero();
            assertThat(value(metrics, "shoplink_scheduler_tasks", "state=\"picked\"")).isZero();
        }

        @Test
        void timeTheApiByRouteTemplateNeverByRawPath() {
            assertThat(value(metrics, "shoplink_http_server_requests_seconds_count", "method=\"GET\"",
                    "route=\"/api/v1/integrations/{id}\"", "status=\"200\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "shoplink_http_server_requests_seconds_count", "method=\"POST\"",
                    "route=\"/api/v1/integrations\"", "status=\"201\"")).isEqualTo(1);
            assertThat(metrics.keySet()).filteredOn(k -> k.startsWith("shoplink_http_server_requests"))
                    .isNotEmpty()
                    .noneMatch(k -> k.contains("/integrations/" + integration))
                    .noneMatch(k -> k.contains("/syncs/" + syncId));
        }

        @Test
        void includeTheJvmAndTheConnectionPool() {
            assertThat(metrics.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
            assertThat(metrics.keySet()).anyMatch(k -> k.startsWith("hikaricp_connections_max{") && k.contains("pool=\"shoplink\""));
        }
    }

    @Test
    void theMetricsAskForTheAdminToken() {
        // when
        TestHost.Response anonymous = scrape(false);
        TestHost.Response wrong = host.send(HttpRequest.newBuilder(host.uri("/metrics")).header("Authorization", "Bearer nope").GET(),
                false);

        // then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("shoplink_");
        assertThat(wrong.status()).isEqualTo(401);
        // refused scrapes are timed like any request
        Map<String, Double> metrics = parse(scrape(true).body());
        assertThat(value(metrics, "shoplink_http_server_requests_seconds_count", "method=\"GET\"", "route=\"/metrics\"",
                "status=\"401\"")).isGreaterThanOrEqualTo(2);
    }

    private static TestHost.Response scrape(boolean withToken) {
        return host.send(HttpRequest.newBuilder(host.uri("/metrics")).GET(), withToken);
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)$");

    /** "name{labels}" → value of every sample of the text format. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** The one sample of that metric whose labels include all of these. */
    static double value(Map<String, Double> metrics, String name, String... labels) {
        List<Map.Entry<String, Double>> found = matching(metrics, name, labels);
        assertThat(found).as("samples of %s with %s among %s", name, List.of(labels), metrics.keySet()).hasSize(1);
        return found.get(0).getValue();
    }

    /** The sum of that metric's samples whose labels include all of these (0 when there are none). */
    static double sum(Map<String, Double> metrics, String name, String... labels) {
        return matching(metrics, name, labels).stream().mapToDouble(Map.Entry::getValue).sum();
    }

    private static List<Map.Entry<String, Double>> matching(Map<String, Double> metrics, String name, String... labels) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> List.of(labels).stream().allMatch(l -> e.getKey().contains(l)))
                .toList();
    }
}
