package dev.shoplink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The host's admin API, as far as the benchmarks need it. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    Api(Host host) {
        this.base = host.baseUrl();
        this.token = host.token();
    }

    JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    JsonNode post(String path, Object body, int expected) {
        return call("POST", path, body, expected);
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Creates a ShipStation integration (the host checks the credentials with the shop: one request). */
    long createIntegration(String name, String shopUrl, String apiKey, String apiSecret, LocalDate syncStart) {
        ObjectNode body = JSON.createObjectNode();
        body.put("connector", "shipstation");
        body.put("name", name);
        body.put("customerType", "RETAIL");
        body.put("shopUrl", shopUrl);
        body.putObject("credentials").put("apiKey", apiKey).put("apiSecret", apiSecret);
        body.put("syncStartDate", syncStart.toString());
        return post("/api/v1/integrations", body, 201).get("id").asLong();
    }

    /** Creates a Shopify integration: the shop's myshopify.com domain and the custom app's access token. */
    long createShopifyIntegration(String name, String shopDomain, String accessToken, LocalDate syncStart) {
        ObjectNode body = JSON.createObjectNode();
        body.put("connector", "shopify");
        body.put("name", name);
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://" + shopDomain);
        body.putObject("credentials").put("accessToken", accessToken);
        body.put("syncStartDate", syncStart.toString());
        return post("/api/v1/integrations", body, 201).get("id").asLong();
    }

    /** What one sync took: wall time from the POST to the first poll that saw it finished, and the host's own stamps. */
    record SyncResult(String state, double wallMs, double serverMs, int pages, long items, String error,
                      double firstTenthMsPerPage, double lastTenthMsPerPage) {
        boolean succeeded() {
            return "SUCCEEDED".equals(state);
        }
    }

    /** From the polled progress: ms per page over the first and the last tenth of the pages (NaN if too few polls). */
    private static double[] pace(List<long[]> timeline, int pages, double wallMs) {
        if (pages < 10 || timeline.size() < 4) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int tenth = Math.max(1, pages / 10);
        double first = Double.NaN;
        double last = Double.NaN;
        for (long[] point : timeline) {
            if (Double.isNaN(first) && point[1] >= tenth) {
                first = point[0] / 1e6 / point[1];
            }
            if (point[1] >= pages - tenth && Double.isNaN(last)) {
                last = (wallMs - point[0] / 1e6) / Math.max(1, pages - point[1]);
            }
        }
        return new double[] {first, last};
    }

    /**
     * POST …/sync, then polls GET /syncs/{id} until it finished or the timeout passed: every 20 ms for the first
     * 2 s (short syncs), then every 100 ms (a poll costs the host a little CPU too).
     */
    SyncResult sync(long integrationId, String scope, Duration timeout) {
        long t0 = System.nanoTime();
        long syncId = startSync(integrationId, scope);
        long deadline = t0 + timeout.toNanos();
        List<long[]> timeline = new ArrayList<>();
        JsonNode s;
        while (true) {
            s = get("/api/v1/syncs/" + syncId);
            timeline.add(new long[] {System.nanoTime() - t0, s.path("progress").path("pagesDone").asLong()});
            String state = s.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                return new SyncResult("TIMEOUT(" + state + ")", (System.nanoTime() - t0) / 1e6, Double.NaN,
                        s.path("progress").path("pagesDone").asInt(), s.path("progress").path("items").asLong(),
                        "no result within " + timeout, Double.NaN, Double.NaN);
            }
            Bench.sleep(System.nanoTime() - t0 < 2_000_000_000L ? 20 : 100);
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        double server = Double.NaN;
        if (s.hasNonNull("startedAt") && s.hasNonNull("finishedAt")) {
            server = Duration.between(Instant.parse(s.get("startedAt").asText()), Instant.parse(s.get("finishedAt").asText()))
                    .toNanos() / 1e6;
        }
        int pages = s.path("progress").path("pagesDone").asInt();
        double[] pace = pace(timeline, pages, wall);
        return new SyncResult(s.path("state").asText(), wall, server, pages,
                s.path("progress").path("items").asLong(), s.path("error").isMissingNode() || s.path("error").isNull()
                        ? null : s.path("error").asText(), pace[0], pace[1]);
    }

    /** POST …/sync: the new run's id (202). */
    long startSync(long integrationId, String scope) {
        ObjectNode body = JSON.createObjectNode().put("scope", scope);
        return post("/api/v1/integrations/" + integrationId + "/sync", body, 202).get("syncId").asLong();
    }

    /** GET /api/v1/syncs/{id}. */
    JsonNode syncRun(long syncId) {
        return get("/api/v1/syncs/" + syncId);
    }

    /** {@code memory.heapPeak} of GET /api/v1/system in MiB (sum of the heap pools' peaks since start). */
    double heapPeakMiB() {
        return get("/api/v1/system").path("memory").path("heapPeak").asLong() / (1024.0 * 1024.0);
    }

    double heapMaxMiB() {
        return get("/api/v1/system").path("memory").path("heapMax").asLong() / (1024.0 * 1024.0);
    }

    /**
     * Waits (at most {@code max}) until {@code GET /api/v1/system}'s {@code searchIndex} says the text search is served
     * by an index with no written order waiting to be indexed (H2's index in the data folder: caught up with the store
     * and past the pages of the last sync; PostgreSQL's trigram index: at once); the seconds waited.
     */
    double awaitSearchIndex(Duration max) {
        long t0 = System.nanoTime();
        String state = get("/api/v1/system").path("searchIndex").asText();
        while (!(state.endsWith(": ready") || state.contains("trigram") || state.startsWith("none"))
                && System.nanoTime() - t0 < max.toNanos()) {
            Bench.sleep(50);
            state = get("/api/v1/system").path("searchIndex").asText();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
