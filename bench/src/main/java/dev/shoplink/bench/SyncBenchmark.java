package dev.shoplink.bench;

import dev.shoplink.simulator.MutationBatch;
import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks 1-3: the download baseline (the harness reads the shop as fast as it can), the full product and
 * order syncs of a host against the same shop, and the incremental sync after 1 % of the orders changed; the
 * last run records a JFR profile when run 1 missed a goal.
 */
final class SyncBenchmark {

    /** One run of benchmarks 1-3. */
    record SyncRun(int run, Download.Result baseProducts, Download.Result baseOrders, Api.SyncResult products,
                   Api.SyncResult orders, double heapPeakMiB, double heapMaxMiB, int mutated, Api.SyncResult incremental,
                   double hostReadyMs, double simGenerateMs, GcLog gc, boolean jfr) {
    }

    record SyncBench(List<SyncRun> runs, Download.Result warmup, LocalDate syncStart, String ordersQuery,
                     int ordersInShop) {
    }

    /** The JFR recording of one measured run, summarized over the product and the order sync windows. */
    record Profile(Path file, int run, JfrSummary.Summary orders, JfrSummary.Summary products, String error) {
    }

    /** When the product and the order sync of a run started and ended (the order sync's null when it did not run). */
    private static final class Windows {
        Instant productsFrom;
        Instant productsTo;
        Instant ordersFrom;
        Instant ordersTo;
    }

    private final BenchOptions o;
    private final Report report;
    private SyncBench result;
    private Profile profile;

    SyncBenchmark(BenchOptions o, Report report) {
        this.o = o;
        this.report = report;
    }

    /** The runs, or null when the benchmark did not finish. */
    SyncBench result() {
        return result;
    }

    /** The JFR profile, or null when none was recorded. */
    Profile profile() {
        return profile;
    }

    void run() {
        Bench.log("== 1-3: download baseline, full product and order sync, incremental sync (%d runs)", o.runs);
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        // the shop as it was an hour ago: nothing in it is newer than the sync's watermark minus the 10-minute
        // overlap, so the incremental sync reads exactly the orders mutated after the full sync
        Instant shopNow = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String ordersQuery = ShopQueries.ordersQuery(syncStart);
        List<SyncRun> runs = new ArrayList<>();
        Download.Result warmup = null;
        int ordersInShop = 0;
        for (int run = 1; run <= o.runs; run++) {
            // the last run records a JFR profile when a goal was missed in run 1 (or always with --jfr always)
            boolean recordJfr = run == o.runs && (o.jfr == BenchOptions.Jfr.ALWAYS
                    || (o.jfr == BenchOptions.Jfr.AUTO && !runs.isEmpty() && missesGoal(runs.get(0))));
            long g0 = System.nanoTime();
            try (ShopSimulator shop = shop(shopNow)) {
                double generated = (System.nanoTime() - g0) / 1e6;
                ordersInShop = shop.orderCount();
                if (run == 1) {
                    // JIT warm-up of the harness's own HTTP client, not counted
                    warmup = Download.all(shop.baseUrl(), shop.authorization(), "/orders", ordersQuery, 10_000);
                    report.linesInWindow = ShopQueries.countLines(shop, ordersQuery);
                }
                runs.add(measure(shop, run, syncStart, ordersQuery, generated, recordJfr));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.gc();
        }
        result = new SyncBench(runs, warmup, syncStart, ordersQuery, ordersInShop);
    }

    private ShopSimulator shop(Instant now) {
        return ShopSimulator.builder().seed(42).products(o.products).orders(o.orders).orderDays(o.orderDays).now(now)
                .noRateLimit().start();
    }

    /** One run: the download baseline, then (with "sync" in --only) a host's syncs with its GC log and maybe JFR. */
    private SyncRun measure(ShopSimulator shop, int run, LocalDate syncStart, String ordersQuery, double generated,
            boolean recordJfr) throws IOException {
        Download.Result bp = Download.all(shop.baseUrl(), shop.authorization(), "/products", ShopQueries.productsQuery(), 10_000);
        Download.Result bo = Download.all(shop.baseUrl(), shop.authorization(), "/orders", ordersQuery, 10_000);
        Bench.log("run %d: baseline products %d pages %.0f ms, orders %d pages %.0f ms (%.0f MB)", run, bp.pages(),
                bp.millis(), bo.pages(), bo.millis(), bo.bytes() / 1e6);
        if (!o.only.contains("sync")) {
            return new SyncRun(run, bp, bo, null, null, Double.NaN, Double.NaN, 0, null, Double.NaN, generated, null, false);
        }
        Path dir = o.work.resolve("sync-" + run);
        Path data = Bench.freshDir(dir.resolve("data"));
        Path gcLog = dir.resolve("gc.log");
        Path jfrFile = dir.resolve("sync.jfr");
        Files.deleteIfExists(gcLog);
        Files.deleteIfExists(jfrFile);
        String opts = o.heap + " " + GcLog.option(gcLog) + (recordJfr
                ? " -XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true" : "");
        Windows windows = new Windows();
        SyncRun r;
        try (Host host = Host.start(o.dist, data, opts, shop.baseUrl(), dir.resolve("host.log"),
                o.postgres == null ? Map.of() : PostgresDatabases.fresh(o, "bench_sync_" + run))) {
            r = syncs(host, shop, run, syncStart, windows);
        }
        GcLog gc = GcLog.read(gcLog);
        Bench.log("run %d: GC log: %d collections (%d full), heap before GC max %.0f MiB, after GC max %.0f MiB, pauses %.0f ms",
                run, gc.collections(), gc.fullCollections(), gc.maxBeforeMiB(), gc.maxAfterMiB(), gc.pauseMs());
        SyncRun measured = new SyncRun(run, bp, bo, r.products(), r.orders(), r.heapPeakMiB(), r.heapMaxMiB(), r.mutated(),
                r.incremental(), r.hostReadyMs(), generated, gc, recordJfr);
        if (recordJfr) {
            profile = summarizeProfile(jfrFile, run, windows);
        }
        return measured;
    }

    /**
     * The full product sync, then the order sync, then an incremental sync after changing 1 % of the orders,
     * each only when the one before succeeded. The result has no baseline, generation time nor GC log yet.
     */
    private SyncRun syncs(Host host, ShopSimulator shop, int run, LocalDate syncStart, Windows windows) {
        double ready = host.awaitReady(Duration.ofSeconds(120));
        Api api = new Api(host);
        long integration = api.createIntegration("Bench shop", "https://bench-shop.example.com", shop.apiKey(),
                shop.apiSecret(), syncStart);
        windows.productsFrom = Instant.now();
        Api.SyncResult products = api.sync(integration, "products", Duration.ofMinutes(10));
        windows.productsTo = Instant.now();
        Bench.log("run %d: product sync %s in %.0f ms (%d pages, %d items)", run, products.state(), products.wallMs(),
                products.pages(), products.items());
        Api.SyncResult orders = null;
        if (products.succeeded()) {
            windows.ordersFrom = Instant.now();
            orders = api.sync(integration, "orders", Duration.ofMinutes(15));
            windows.ordersTo = Instant.now();
            Bench.log("run %d: order sync %s in %.0f ms (%d pages, %d items; %.0f ms/page over the first tenth of "
                            + "the pages, %.0f over the last)%s", run, orders.state(), orders.wallMs(), orders.pages(),
                    orders.items(), orders.firstTenthMsPerPage(), orders.lastTenthMsPerPage(),
                    orders.error() == null ? "" : ": " + orders.error());
        }
        double peak = api.heapPeakMiB();
        double max = api.heapMaxMiB();
        int mutated = 0;
        Api.SyncResult incremental = null;
        if (orders != null && orders.succeeded()) {
            // as the next scheduled sync would, the incremental one starts with the host idle: H2's text index takes a
            // sync's pages in once its writes pause, and that work belongs to the full sync, not to the next one
            Bench.log("run %d: the text index took in the order sync's pages %.1f s after it ended", run,
                    api.awaitSearchIndex(Duration.ofMinutes(2)));
            MutationBatch batch = shop.mutateOrders(Math.max(1, o.orders / 100));
            mutated = batch.orderIds().size();
            incremental = api.sync(integration, "orders", Duration.ofMinutes(10));
            Bench.log("run %d: incremental sync after %d changed orders %s in %.0f ms (%d items)", run, mutated,
                    incremental.state(), incremental.wallMs(), incremental.items());
        }
        for (Api.SyncResult r : Arrays.asList(products, orders, incremental)) {
            if (r != null && !r.succeeded()) {
                report.failures.add("sync run " + run + ": " + r.state() + " " + r.error() + " (log: " + host.log() + ")");
            }
        }
        return new SyncRun(run, null, null, products, orders, peak, max, mutated, incremental, ready, Double.NaN, null, false);
    }

    static boolean missesGoal(SyncRun r) {
        if (r.products() == null || !r.products().succeeded() || r.orders() == null || !r.orders().succeeded()
                || r.incremental() == null || !r.incremental().succeeded()) {
            return true;
        }
        return r.products().wallMs() / r.baseProducts().millis() > Benchmarks.GOAL_SYNC_RATIO
                || r.orders().wallMs() / r.baseOrders().millis() > Benchmarks.GOAL_SYNC_RATIO
                || r.heapPeakMiB() > Benchmarks.GOAL_HEAP_MIB
                || 100 * r.incremental().wallMs() / r.orders().wallMs() > Benchmarks.GOAL_INCREMENTAL_SHARE;
    }

    private Profile summarizeProfile(Path file, int run, Windows w) {
        try {
            JfrSummary.Summary ps = JfrSummary.summarize(file, w.productsFrom, w.productsTo, 10);
            JfrSummary.Summary os = w.ordersFrom == null ? null : JfrSummary.summarize(file, w.ordersFrom, w.ordersTo, 20);
            Bench.log("JFR: %d samples in the order sync window", os == null ? 0 : os.samples());
            return new Profile(file, run, os, ps, null);
        } catch (IOException | RuntimeException e) {
            report.failures.add("JFR summary of " + file + ": " + e);
            return new Profile(file, run, null, null, e.toString());
        }
    }
}
