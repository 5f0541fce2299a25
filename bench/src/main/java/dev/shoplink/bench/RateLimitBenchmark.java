package dev.shoplink.bench;

import dev.shoplink.simulator.ShopSimulator;
import dev.shoplink.simulator.SimulatorStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark 4: a full sync against a shop at ShipStation's rate limit, counting the requests it needed against the
 * minimum and the 429 answers it provoked (sampled over time, to find bursts within one window).
 */
final class RateLimitBenchmark {

    record RateLimitBench(int products, int ordersInWindow, int pageCap, int limit, long windowMs, int minimum,
                          long requests, long tooMany, int maxTooManyPerWindow, SimulatorStats stats, Api.SyncResult sync,
                          double seconds) {
    }

    private final BenchOptions o;
    private final Report report;
    private volatile RateLimitBench result;

    RateLimitBenchmark(BenchOptions o, Report report) {
        this.o = o;
        this.report = report;
    }

    /** The result, or null when the benchmark did not finish. */
    RateLimitBench result() {
        return result;
    }

    void run() {
        Bench.log("== 4: sync at the rate limit (%d req per %d ms, page cap %d), one run", ShopSimulator.SHIPSTATION_RATE_LIMIT,
                o.rlWindowMs, o.rlPageCap);
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        try (ShopSimulator shop = ShopSimulator.builder().seed(7).products(o.rlProducts).orders(o.rlOrders).orderDays(o.orderDays)
                .pageSizeCap(o.rlPageCap).rateLimit(ShopSimulator.SHIPSTATION_RATE_LIMIT)
                .rateWindow(Duration.ofMillis(o.rlWindowMs)).start()) {
            // how many orders the window holds: one request, then the counters and the limit start afresh
            int inWindow = ShopQueries.countOrders(shop, syncStart);
            shop.resetStats();
            shop.resetRateLimit();
            int productPages = (o.rlProducts + o.rlPageCap - 1) / o.rlPageCap;
            int orderPages = (inWindow + o.rlPageCap - 1) / o.rlPageCap;
            int minimum = 1 + productPages + orderPages;

            Path data = Bench.freshDir(o.work.resolve("ratelimit/data"));
            try (Host host = Host.start(o.dist, data, o.heap, shop.baseUrl(), o.work.resolve("ratelimit/host.log"))) {
                host.awaitReady(Duration.ofSeconds(120));
                sync(new Api(host), shop, syncStart, inWindow, minimum);
            }
        }
    }

    private void sync(Api api, ShopSimulator shop, LocalDate syncStart, int inWindow, int minimum) {
        // 429s over time, sampled every 100 ms, to find bursts
        List<long[]> series = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        startSampler(shop, series, done);
        long t0 = System.nanoTime();
        long integration = api.createIntegration("Rate-limited shop", "https://limited-shop.example.com", shop.apiKey(),
                shop.apiSecret(), syncStart);
        Api.SyncResult sync = api.sync(integration, "all", Duration.ofMinutes(12));
        double seconds = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        int maxPerWindow = maxIncreaseWithin(series, Duration.ofMillis(o.rlWindowMs).toNanos());
        result = new RateLimitBench(o.rlProducts, inWindow, o.rlPageCap, ShopSimulator.SHIPSTATION_RATE_LIMIT,
                o.rlWindowMs, minimum, shop.requestCount(), shop.tooManyRequestsCount(), maxPerWindow, shop.stats(),
                sync, seconds);
        Bench.log("rate limit: %s, %d requests (minimum %d), %d x 429, %.0f s", sync.state(), shop.requestCount(),
                minimum, shop.tooManyRequestsCount(), seconds);
        if (!sync.succeeded()) {
            report.failures.add("rate-limit sync: " + sync.state() + " " + sync.error());
        }
    }

    /** Samples the shop's count of 429 answers every 100 ms into {@code series} until {@code done} (15 minutes at most). */
    private static void startSampler(ShopSimulator shop, List<long[]> series, AtomicBoolean done) {
        Thread sampler = new Thread(() -> {
            long end = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (!done.get() && System.nanoTime() < end) {
                synchronized (series) {
                    series.add(new long[] {System.nanoTime(), shop.tooManyRequestsCount()});
                }
                Bench.sleep(100);
            }
        }, "bench-429-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static int maxIncreaseWithin(List<long[]> series, long windowNanos) {
        synchronized (series) {
            int max = 0;
            int from = 0;
            for (int i = 0; i < series.size(); i++) {
                while (series.get(i)[0] - series.get(from)[0] > windowNanos) {
                    from++;
                }
                max = (int) Math.max(max, series.get(i)[1] - series.get(from)[1]);
            }
            return max;
        }
    }
}
