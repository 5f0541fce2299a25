package dev.shoplink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.simulator.MutationBatch;
import dev.shoplink.simulator.ShopSimulator;
import dev.shoplink.simulator.SimulatorStats;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The benchmark harness: runs the distribution against the shop simulator and writes
 * docs/BENCHMARKS.md. Started by {@code bench/run}; {@code --help} lists the options.
 *
 * <p>Every loop is bounded in count and time, every address is loopback, every host is a child
 * process that is stopped at the end (also when the harness fails).
 */
public final class Benchmarks {

    static final String USAGE = Options.usage();

    // goals from issues 4, 5 and 6 (issue 13 set the full syncs' to 3× the download)
    static final double GOAL_SYNC_RATIO = 3.0;
    static final double GOAL_HEAP_MIB = 256;
    static final double GOAL_INCREMENTAL_SHARE = 3.0;
    static final double GOAL_REQUEST_RATIO = 1.05;
    static final double GOAL_P99_MS = 20;
    static final double GOAL_SEARCH_P99_MS = 100;
    /** Issue 13: process start to the first 200 of /health/ready (plugins loaded, migrations checked). */
    static final double GOAL_START_MS = 2000;

    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Options o;
    final Report report;

    Benchmarks(Options o) {
        this.o = o;
        this.report = new Report(o);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.print(USAGE);
            return;
        }
        Benchmarks b = new Benchmarks(o);
        long t0 = System.nanoTime();
        b.report.loadAtStart = Machine.loadAverage();
        Bench.log("bench: distribution %s, work %s, load average %s", o.dist, o.work, b.report.loadAtStart);
        try {
            if (o.only.contains("sync") || o.only.contains("download")) {
                b.section("1-3", b::syncBenchmarks);
            }
            if (o.only.contains("ratelimit") && o.only.contains("api")) {
                // benchmark 4 mostly waits for the shop's rate-limit windows: it runs beside the seeding of
                // benchmark 5 (which times nothing that matters), and benchmark 5 waits for it before measuring
                b.rateLimitConcurrent = true;
                b.background = new Thread(() -> b.section("4", b::rateLimitBenchmark), "bench-rate-limit");
                b.background.start();
            } else if (o.only.contains("ratelimit")) {
                b.section("4", b::rateLimitBenchmark);
            }
            if (o.only.contains("api")) {
                b.section("5", b::apiBenchmark);
            }
            b.awaitBackground();
            if (o.only.contains("many")) {
                b.section("7", () -> b.report.manyShops = ManyShopsBench.run(o));
            }
            if (o.only.contains("startup")) {
                b.section("6", b::startupBenchmark);
            }
        } finally {
            b.report.loadAtEnd = Machine.loadAverage();
            b.report.totalSeconds = (System.nanoTime() - t0) / 1e9;
            b.report.rateLimitConcurrent = b.rateLimitConcurrent;
            Path analysis = o.root.resolve("bench/ANALYSIS.md");
            if (Files.isRegularFile(analysis)) {
                b.report.findings = Files.readString(analysis);
            }
            b.report.apiPostgres = b.apiPostgres;
            String md = b.report.render(b.sync, b.rateLimit, b.api, b.startup, b.profile);
            Files.createDirectories(o.out.getParent());
            Files.writeString(o.out, md, StandardCharsets.UTF_8);
            Bench.log("bench: wrote %s in %.0f s (load average now %s)", o.out, b.report.totalSeconds, b.report.loadAtEnd);
        }
        if (!b.report.failures.isEmpty()) {
            System.exit(1);
        }
    }

    Thread background;
    boolean rateLimitConcurrent;

    /** Waits (bounded) for benchmark 4 when it runs in the background. */
    void awaitBackground() {
        if (background == null) {
            return;
        }
        try {
            background.join(Duration.ofMinutes(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (background.isAlive()) {
            report.failures.add("benchmark 4 did not finish within 15 minutes");
            background.interrupt();
        }
        background = null;
    }

    /** Runs one benchmark; a failure is reported in the doc and the next benchmark still runs. */
    private void section(String name, Runnable benchmark) {
        try {
            benchmark.run();
        } catch (RuntimeException e) {
            report.failures.add("benchmark " + name + " stopped: " + e.getMessage());
            Bench.log("benchmark %s FAILED: %s", name, e);
            e.printStackTrace();
        }
    }

    // ================================================================== 1-3: download, full syncs, incremental

    /** One run of benchmarks 1-3. */
    record SyncRun(int run, Download.Result baseProducts, Download.Result baseOrders, Api.SyncResult products,
                   Api.SyncResult orders, double heapPeakMiB, double heapMaxMiB, int mutated, Api.SyncResult incremental,
                   double hostReadyMs, double simGenerateMs, GcLog gc, boolean jfr) {
    }

    record SyncBench(List<SyncRun> runs, Download.Result warmup, LocalDate syncStart, String ordersQuery,
                     int ordersInShop) {
    }

    SyncBench sync;

    /** Drops and creates {@code name} on the --postgres server; the host's environment to use it. */
    static java.util.Map<String, String> freshPostgresDatabase(Options o, String name) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(o.postgres + "postgres", o.postgresUser, "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + o.postgres + ": " + e.getMessage(), e);
        }
        return java.util.Map.of("SHOPLINK_DB_URL", o.postgres + name, "SHOPLINK_DB_USER", o.postgresUser,
                "SHOPLINK_DB_PASSWORD", "");
    }

    static String productsQuery() {
        // what ShipStationConnector.listings sends for ListingQuery.everything()
        return "pageSize=500&sortBy=CreateDate&sortDir=ASC&showInactive=true";
    }

    static String ordersQuery(LocalDate syncStart) {
        // what ShipStationConnector.orders sends for OrderQuery.placedSince(start of syncStart, UTC)
        String start = syncStart.atStartOfDay(ZoneOffset.UTC).withZoneSameInstant(PACIFIC).format(QUERY_TIME);
        return "pageSize=500&sortBy=OrderDate&sortDir=ASC&orderDateStart=" + URLEncoder.encode(start, StandardCharsets.UTF_8);
    }

    private ShopSimulator syncShop(Instant now) {
        return ShopSimulator.builder().seed(42).products(o.products).orders(o.orders).orderDays(o.orderDays).now(now)
                .noRateLimit().start();
    }

    void syncBenchmarks() {
        Bench.log("== 1-3: download baseline, full product and order sync, incremental sync (%d runs)", o.runs);
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        // the shop as it was an hour ago: nothing in it is newer than the sync's watermark minus the 10-minute
        // overlap, so the incremental sync reads exactly the orders mutated after the full sync
        Instant shopNow = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String ordersQuery = ordersQuery(syncStart);
        List<SyncRun> runs = new ArrayList<>();
        Download.Result warmup = null;
        int ordersInShop = 0;
        for (int run = 1; run <= o.runs; run++) {
            // the last run records a JFR profile when a goal was missed in run 1 (or always with --jfr always)
            boolean recordJfr = run == o.runs && (o.jfr == Jfr.ALWAYS
                    || (o.jfr == Jfr.AUTO && !runs.isEmpty() && missesGoal(runs.get(0))));
            long g0 = System.nanoTime();
            try (ShopSimulator shop = syncShop(shopNow)) {
                double generated = (System.nanoTime() - g0) / 1e6;
                ordersInShop = shop.orderCount();
                if (run == 1) {
                    // JIT warm-up of the harness's own HTTP client, not counted
                    warmup = Download.all(shop.baseUrl(), shop.authorization(), "/orders", ordersQuery, 10_000);
                    report.linesInWindow = countLines(shop, ordersQuery);
                }
                Download.Result bp = Download.all(shop.baseUrl(), shop.authorization(), "/products", productsQuery(), 10_000);
                Download.Result bo = Download.all(shop.baseUrl(), shop.authorization(), "/orders", ordersQuery, 10_000);
                Bench.log("run %d: baseline products %d pages %.0f ms, orders %d pages %.0f ms (%.0f MB)", run, bp.pages(),
                        bp.millis(), bo.pages(), bo.millis(), bo.bytes() / 1e6);
                if (!o.only.contains("sync")) {
                    runs.add(new SyncRun(run, bp, bo, null, null, Double.NaN, Double.NaN, 0, null, Double.NaN, generated, null, false));
                    continue;
                }
                Path dir = o.work.resolve("sync-" + run);
                Path data = Bench.freshDir(dir.resolve("data"));
                Path gcLog = dir.resolve("gc.log");
                Path jfrFile = dir.resolve("sync.jfr");
                Files.deleteIfExists(gcLog);
                Files.deleteIfExists(jfrFile);
                String opts = o.heap + " " + GcLog.option(gcLog) + (recordJfr
                        ? " -XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true" : "");
                SyncRun result;
                Instant p0;
                Instant p1;
                Instant o0 = null;
                Instant o1 = null;
                try (Host host = Host.start(o.dist, data, opts, shop.baseUrl(), dir.resolve("host.log"),
                        o.postgres == null ? java.util.Map.of() : freshPostgresDatabase(o, "bench_sync_" + run))) {
                    double ready = host.awaitReady(Duration.ofSeconds(120));
                    Api api = new Api(host);
                    long integration = api.createIntegration("Bench shop", "https://bench-shop.example.com", shop.apiKey(),
                            shop.apiSecret(), syncStart);
                    p0 = Instant.now();
                    Api.SyncResult products = api.sync(integration, "products", Duration.ofMinutes(10));
                    p1 = Instant.now();
                    Bench.log("run %d: product sync %s in %.0f ms (%d pages, %d items)", run, products.state(), products.wallMs(),
                            products.pages(), products.items());
                    Api.SyncResult orders = null;
                    if (products.succeeded()) {
                        o0 = Instant.now();
                        orders = api.sync(integration, "orders", Duration.ofMinutes(15));
                        o1 = Instant.now();
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
                        MutationBatch batch = shop.mutateOrders(Math.max(1, o.orders / 100));
                        mutated = batch.orderIds().size();
                        incremental = api.sync(integration, "orders", Duration.ofMinutes(10));
                        Bench.log("run %d: incremental sync after %d changed orders %s in %.0f ms (%d items)", run, mutated,
                                incremental.state(), incremental.wallMs(), incremental.items());
                    }
                    result = new SyncRun(run, bp, bo, products, orders, peak, max, mutated, incremental, ready, generated, null,
                            recordJfr);
                    for (Api.SyncResult r : Arrays.asList(products, orders, incremental)) {
                        if (r != null && !r.succeeded()) {
                            report.failures.add("sync run " + run + ": " + r.state() + " " + r.error() + " (log: " + host.log() + ")");
                        }
                    }
                }
                GcLog gc = GcLog.read(gcLog);
                Bench.log("run %d: GC log: %d collections (%d full), heap before GC max %.0f MiB, after GC max %.0f MiB, pauses %.0f ms",
                        run, gc.collections(), gc.fullCollections(), gc.maxBeforeMiB(), gc.maxAfterMiB(), gc.pauseMs());
                runs.add(new SyncRun(result.run(), bp, bo, result.products(), result.orders(), result.heapPeakMiB(),
                        result.heapMaxMiB(), result.mutated(), result.incremental(), result.hostReadyMs(), generated, gc, recordJfr));
                if (recordJfr) {
                    profile = summarizeProfile(jfrFile, run, p0, p1, o0, o1);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.gc();
        }
        sync = new SyncBench(runs, warmup, syncStart, ordersQuery, ordersInShop);
    }

    static boolean missesGoal(SyncRun r) {
        if (r.products() == null || !r.products().succeeded() || r.orders() == null || !r.orders().succeeded()
                || r.incremental() == null || !r.incremental().succeeded()) {
            return true;
        }
        return r.products().wallMs() / r.baseProducts().millis() > GOAL_SYNC_RATIO
                || r.orders().wallMs() / r.baseOrders().millis() > GOAL_SYNC_RATIO
                || r.heapPeakMiB() > GOAL_HEAP_MIB
                || 100 * r.incremental().wallMs() / r.orders().wallMs() > GOAL_INCREMENTAL_SHARE;
    }

    private Profile summarizeProfile(Path file, int run, Instant p0, Instant p1, Instant o0, Instant o1) {
        try {
            JfrSummary.Summary ps = JfrSummary.summarize(file, p0, p1, 10);
            JfrSummary.Summary os = o0 == null ? null : JfrSummary.summarize(file, o0, o1, 20);
            Bench.log("JFR: %d samples in the order sync window", os == null ? 0 : os.samples());
            return new Profile(file, run, os, ps, null);
        } catch (IOException | RuntimeException e) {
            report.failures.add("JFR summary of " + file + ": " + e);
            return new Profile(file, run, null, null, e.toString());
        }
    }

    record SyncSummary(Stats baseProducts, Stats baseOrders, Stats products, Stats orders, Stats productsServer,
                       Stats ordersServer, Stats productPageMs, Stats orderPageMs, Stats baseProductPageMs,
                       Stats baseOrderPageMs, Stats productRatio, Stats orderRatio, Stats heapPeak, Stats incremental,
                       Stats incrementalServer, Stats incrementalShare, boolean failed) {

        static SyncSummary of(SyncBench b) {
            List<Double> bp = new ArrayList<>(), bo = new ArrayList<>(), p = new ArrayList<>(), or = new ArrayList<>(),
                    ps = new ArrayList<>(), os = new ArrayList<>(), ppm = new ArrayList<>(), opm = new ArrayList<>(),
                    bppm = new ArrayList<>(), bopm = new ArrayList<>(), pr = new ArrayList<>(), orr = new ArrayList<>(),
                    heap = new ArrayList<>(), inc = new ArrayList<>(), incs = new ArrayList<>(), share = new ArrayList<>();
            boolean failed = false;
            for (SyncRun r : b.runs()) {
                bp.add(r.baseProducts().millis());
                bo.add(r.baseOrders().millis());
                bppm.add(r.baseProducts().millis() / r.baseProducts().pages());
                bopm.add(r.baseOrders().millis() / r.baseOrders().pages());
                if (r.products() == null || !r.products().succeeded()) {
                    failed = true;
                    continue;
                }
                p.add(r.products().wallMs());
                ps.add(r.products().serverMs());
                ppm.add(r.products().wallMs() / Math.max(1, r.products().pages()));
                pr.add(r.products().wallMs() / r.baseProducts().millis());
                heap.add(r.heapPeakMiB());
                if (r.orders() == null || !r.orders().succeeded()) {
                    failed = true;
                    continue;
                }
                or.add(r.orders().wallMs());
                os.add(r.orders().serverMs());
                opm.add(r.orders().wallMs() / Math.max(1, r.orders().pages()));
                orr.add(r.orders().wallMs() / r.baseOrders().millis());
                if (r.incremental() == null || !r.incremental().succeeded()) {
                    failed = true;
                    continue;
                }
                inc.add(r.incremental().wallMs());
                incs.add(r.incremental().serverMs());
                share.add(100.0 * r.incremental().wallMs() / r.orders().wallMs());
            }
            return new SyncSummary(Stats.of(bp), Stats.of(bo), Stats.of(p), Stats.of(or), Stats.of(ps), Stats.of(os),
                    Stats.of(ppm), Stats.of(opm), Stats.of(bppm), Stats.of(bopm), Stats.of(pr), Stats.of(orr), Stats.of(heap),
                    Stats.of(inc), Stats.of(incs), Stats.of(share), failed);
        }
    }

    // ================================================================== JFR of the order sync

    /** The JFR recording of one measured run, summarized over the product and the order sync windows. */
    record Profile(Path file, int run, JfrSummary.Summary orders, JfrSummary.Summary products, String error) {
    }

    Profile profile;

    // ================================================================== 4: at ShipStation's rate limit

    record RateLimitBench(int products, int ordersInWindow, int pageCap, int limit, long windowMs, int minimum,
                          long requests, long tooMany, int maxTooManyPerWindow, SimulatorStats stats, Api.SyncResult sync,
                          double seconds) {
    }

    RateLimitBench rateLimit;

    void rateLimitBenchmark() {
        Bench.log("== 4: sync at the rate limit (%d req per %d ms, page cap %d), one run", ShopSimulator.SHIPSTATION_RATE_LIMIT,
                o.rlWindowMs, o.rlPageCap);
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        try (ShopSimulator shop = ShopSimulator.builder().seed(7).products(o.rlProducts).orders(o.rlOrders).orderDays(o.orderDays)
                .pageSizeCap(o.rlPageCap).rateLimit(ShopSimulator.SHIPSTATION_RATE_LIMIT)
                .rateWindow(Duration.ofMillis(o.rlWindowMs)).start()) {
            // how many orders the window holds: one request, then the counters and the limit start afresh
            int inWindow = countOrders(shop, syncStart);
            shop.resetStats();
            shop.resetRateLimit();
            int productPages = (o.rlProducts + o.rlPageCap - 1) / o.rlPageCap;
            int orderPages = (inWindow + o.rlPageCap - 1) / o.rlPageCap;
            int minimum = 1 + productPages + orderPages;

            Path data = Bench.freshDir(o.work.resolve("ratelimit/data"));
            try (Host host = Host.start(o.dist, data, o.heap, shop.baseUrl(), o.work.resolve("ratelimit/host.log"))) {
                host.awaitReady(Duration.ofSeconds(120));
                Api api = new Api(host);
                // 429s over time, sampled every 100 ms, to find bursts
                List<long[]> series = new ArrayList<>();
                AtomicBoolean done = new AtomicBoolean();
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
                long t0 = System.nanoTime();
                long integration = api.createIntegration("Rate-limited shop", "https://limited-shop.example.com", shop.apiKey(),
                        shop.apiSecret(), syncStart);
                Api.SyncResult result = api.sync(integration, "all", Duration.ofMinutes(12));
                double seconds = (System.nanoTime() - t0) / 1e9;
                done.set(true);
                int maxPerWindow = maxIncreaseWithin(series, Duration.ofMillis(o.rlWindowMs).toNanos());
                rateLimit = new RateLimitBench(o.rlProducts, inWindow, o.rlPageCap, ShopSimulator.SHIPSTATION_RATE_LIMIT,
                        o.rlWindowMs, minimum, shop.requestCount(), shop.tooManyRequestsCount(), maxPerWindow, shop.stats(),
                        result, seconds);
                Bench.log("rate limit: %s, %d requests (minimum %d), %d x 429, %.0f s", result.state(), shop.requestCount(),
                        minimum, shop.tooManyRequestsCount(), seconds);
                if (!result.succeeded()) {
                    report.failures.add("rate-limit sync: " + result.state() + " " + result.error());
                }
            }
        }
    }

    /** Lines of the orders in the window that the host keeps (not on hold), counted once outside any timing. */
    private static long countLines(ShopSimulator shop, String ordersQuery) {
        var client = java.net.http.HttpClient.newHttpClient();
        long lines = 0;
        int pages = 1;
        for (int page = 1; page <= pages && page <= 10_000; page++) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/orders?page=" + page
                    + "&" + ordersQuery)).header("Authorization", shop.authorization()).timeout(Duration.ofSeconds(60)).build();
            try {
                JsonNode body = Api.JSON.readTree(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body());
                pages = body.path("pages").asInt();
                for (JsonNode order : body.path("orders")) {
                    if (!"on_hold".equals(order.path("orderStatus").asText())) {
                        lines += order.path("items").size();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot count the order lines: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return lines;
    }

    /** Orders the sync window holds, read from {@code total} of a one-item page. */
    static int countOrders(ShopSimulator shop, LocalDate syncStart) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/orders?page=1&"
                    + ordersQuery(syncStart).replace("pageSize=500", "pageSize=1")))
                    .header("Authorization", shop.authorization()).timeout(Duration.ofSeconds(30)).build();
            JsonNode body = Api.JSON.readTree(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body());
            return body.path("total").asInt();
        } catch (IOException e) {
            throw new IllegalStateException("cannot count the shop's orders: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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

    // ================================================================== 5: admin API over 1M orders

    /**
     * @param skipped null when every run ran; "slow" when one request at a time was already too slow for the rate;
     *     "saturated" when run 1 could not keep half the rate and the other runs were skipped
     */
    record LoadRuns(String name, String path, String what, LoadLoop.Sequential sequential, double rate, double seconds,
                    LoadLoop.Result warmup, List<LoadLoop.Result> runs, String skipped) {
    }

    record ApiBench(OrderSeeder.Seeded seeded, double readyMs, List<LoadRuns> queries, double heapPeakMiB, double dbFileMiB,
                    GcLog gc) {
    }

    ApiBench api;

    /** A query slower than this, one request at a time, is not offered 1,000 req/s (2 cores give 2 ms of CPU per request). */
    static final double SLOW_QUERY_MS = 50;

    void apiBenchmark() {
        if (o.apiStores.contains("h2")) {
            api = apiBenchmark(false);
        }
        if (o.postgres != null && o.apiStores.contains("postgres")) {
            apiPostgres = apiBenchmark(true);
        }
    }

    ApiBench apiPostgres;

    /** Benchmark 5 on H2 (the host's file) or on a database of the --postgres server. */
    ApiBench apiBenchmark(boolean postgres) {
        String storeName = postgres ? "PostgreSQL" : "H2";
        Bench.log("== 5: admin API over %,d orders at %.0f req/s on %s", o.apiOrders, o.rate, storeName);
        Path dir = postgres ? o.work.resolve("api-postgres") : o.work.resolve("api");
        Path data = dir.resolve("data");
        java.util.Map<String, String> env = java.util.Map.of();
        OrderSeeder.Store store = OrderSeeder.Store.h2(data);
        if (postgres) {
            env = java.util.Map.of("SHOPLINK_DB_URL", o.postgres + "bench_api", "SHOPLINK_DB_USER", o.postgresUser,
                    "SHOPLINK_DB_PASSWORD", "");
            store = OrderSeeder.Store.postgres(o.postgres + "bench_api", o.postgresUser);
        }
        OrderSeeder.Seeded seeded = null;
        if (o.apiReuse && (postgres || Files.isRegularFile(data.resolve("shoplink.mv.db")))) {
            try {
                seeded = OrderSeeder.existing(store, "okafor").orElse(null);
            } catch (java.sql.SQLException e) {
                Bench.log("no seeded database to reuse (%s): seeding", e.getMessage());
            }
            if (seeded != null) {
                Bench.log("reusing the %,d orders seeded by an earlier run", seeded.orders());
            }
        }
        if (seeded == null) {
            Bench.freshDir(dir);
            if (postgres) {
                freshPostgresDatabase(o, "bench_api");
            }
            seeded = seed(dir, data, env, store);
        }
        double dbMiB = postgres ? Double.NaN : fileSizeMiB(data.resolve("shoplink.mv.db"));
        if (background != null) {
            Bench.log("waiting for benchmark 4 before measuring");
            awaitBackground();
        }

        Path gcLog = dir.resolve("gc.log");
        ApiBench result;
        String on = postgres ? " on PostgreSQL" : " on H2";
        try (Host host = Host.start(o.dist, data, o.heap + " " + GcLog.option(gcLog), null, dir.resolve("host.log"), env)) {
            double ready = host.awaitReady(Duration.ofMinutes(15));
            Api a = new Api(host);
            String main = "/api/v1/orders?size=50";
            List<String> pages = new ArrayList<>();
            for (int p = 2; p <= 11; p++) {
                pages.add(main + "&page=" + p);
            }
            List<String> deep = nextLinks(a, main, o.deepPages);
            String filtered = "/api/v1/orders?size=50&status=RECEIVED&integrationId=" + seeded.filteredIntegrationId();
            String search = "/api/v1/orders?size=50&q=" + seeded.searchTerm();

            List<LoadRuns> queries = new ArrayList<>();
            queries.add(load("all orders, page 1" + on, List.of(main), "`GET /api/v1/orders?size=50`" + on, o.rate, o.loadSeconds,
                    host, true));
            queries.add(load("all orders, pages 2–11 in turn" + on, pages, "`GET /api/v1/orders?size=50&page=2…11`" + on, o.rate,
                    o.filterSeconds, host, false));
            queries.add(load("deep pages through next links" + on, deep, "`next` links of pages " + (o.deepPages - deep.size() + 1)
                    + "–" + o.deepPages + " (`?size=50&after=…`)" + on, o.rate, o.filterSeconds, host, false));
            queries.add(load("filtered" + on, List.of(filtered), "`GET /api/v1/orders?size=50&status=RECEIVED&integrationId="
                    + seeded.filteredIntegrationId() + "`" + on, o.rate, o.filterSeconds, host, false));
            queries.add(load("text search" + on, List.of(search), "`GET /api/v1/orders?size=50&q=" + seeded.searchTerm() + "`" + on,
                    o.rate, o.filterSeconds, host, false));
            double heap = a.heapPeakMiB();
            result = new ApiBench(seeded, ready, queries, heap, dbMiB, null);
        }
        GcLog gc = GcLog.read(gcLog);
        return new ApiBench(result.seeded(), result.readyMs(), result.queries(), result.heapPeakMiB(), result.dbFileMiB(), gc);
    }

    /** Migrates a fresh store through the distribution, creates 3 integrations, then seeds it. */
    private OrderSeeder.Seeded seed(Path dir, Path data, java.util.Map<String, String> env, OrderSeeder.Store store) {
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        try (ShopSimulator shop = ShopSimulator.builder().products(50).orders(10).noRateLimit().start()) {
            Bench.log("migrating a fresh store and creating 3 integrations");
            try (Host host = Host.start(o.dist, data, o.heap, shop.baseUrl(), dir.resolve("host-migrate.log"), env)) {
                host.awaitReady(Duration.ofSeconds(120));
                Api a = new Api(host);
                a.createIntegration("Web shop", "https://hilltop-web.example.com", shop.apiKey(), shop.apiSecret(), syncStart);
                a.createIntegration("Wholesale", "https://hilltop-wholesale.example.com", shop.apiKey(), shop.apiSecret(), syncStart);
                a.createIntegration("Subscriptions", "https://hilltop-subscribe.example.com", shop.apiKey(), shop.apiSecret(), syncStart);
            }
        }
        try {
            List<OrderSeeder.Shop> shops = OrderSeeder.shops(store);
            OrderSeeder.Seeded seeded = OrderSeeder.seed(store, shops, new double[] {0.55, 0.30, 0.15}, o.apiOrders, 11,
                    Instant.now(), "okafor");
            Bench.log("seeded %,d orders, %,d lines, %,d listings in %.0f s", seeded.orders(), seeded.lines(), seeded.listings(),
                    seeded.millis() / 1000);
            return seeded;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("seeding failed: " + e, e);
        }
    }

    /**
     * Follows {@code next} from the first page for {@code pages} pages and returns the links of the last tenth of them
     * (at least 10): deep pages, reached the way a client reaches them.
     */
    private static List<String> nextLinks(Api a, String first, int pages) {
        List<String> links = new ArrayList<>();
        String path = first;
        long t0 = System.nanoTime();
        for (int p = 1; p < pages; p++) {
            JsonNode page = a.get(path);
            if (!page.hasNonNull("next")) {
                break;
            }
            path = page.get("next").asText();
            links.add(path);
        }
        Bench.log("followed %d next links in %.1f s", links.size(), (System.nanoTime() - t0) / 1e9);
        int keep = Math.max(10, links.size() / 10);
        return List.copyOf(links.subList(Math.max(0, links.size() - keep), links.size()));
    }

    /**
     * One query: first one request at a time (the first answer is the cold one); then, unless that alone is too slow
     * for the rate, an open-model warm-up (first query only) and {@code runs} measured runs at {@code rate}. When run 1
     * could not keep even half the rate, the remaining runs are skipped (the host is saturated; more runs would only
     * repeat that and cost minutes) and the doc says so.
     */
    private LoadRuns load(String name, List<String> paths, String what, double rate, double seconds, Host host, boolean warmUp) {
        List<String> urls = paths.stream().map(p -> host.baseUrl() + p).toList();
        settle(host);
        LoadLoop.Sequential seq = LoadLoop.sequential(urls, host.token(), 200, paths.size() > 1 ? 20 : 30,
                Duration.ofSeconds(60));
        Bench.log("%s: %,d matches; one at a time: first %.1f ms, p50 %.2f ms, max %.1f ms (%d requests)", name, seq.total(),
                seq.firstMs(), Stats.percentile(seq.sorted(), 50), seq.sorted()[seq.sorted().length - 1], seq.sorted().length);
        List<LoadLoop.Result> runs = new ArrayList<>();
        if (Stats.percentile(seq.sorted(), 50) > SLOW_QUERY_MS) {
            // one request at a time already takes more than the 2 cores can give each request at this rate: an
            // open-model run would only pile up a queue; the closed-loop figures say it, the doc explains it
            Bench.log("%s: not run at %.0f req/s", name, rate);
            return new LoadRuns(name, paths.get(0), what, seq, rate, seconds, null, runs, "slow");
        }
        LoadLoop.Result warmup = null;
        if (warmUp) {
            warmup = LoadLoop.run("warmup", urls, host.token(), o.rate, Math.min(10, seconds), o.threads, Duration.ofSeconds(10));
            Bench.log("warm-up: p50 %.2f ms, p99 %.2f ms, ok %d, errors %d, not sent %d", warmup.p50(), warmup.p99(), warmup.ok(),
                    warmup.errors(), warmup.notSent());
        }
        String skipped = null;
        for (int i = 1; i <= o.runs; i++) {
            settle(host);
            LoadLoop.Result r = LoadLoop.run(name, urls, host.token(), rate, seconds, o.threads, Duration.ofSeconds(10));
            Bench.log("%s run %d at %.0f req/s: p50 %.2f p99 %.2f max %.2f ms, ok %d, errors %d, not sent %d, achieved %.0f req/s",
                    name, i, rate, r.p50(), r.p99(), r.max(), r.ok(), r.errors(), r.notSent(), r.achievedRate());
            runs.add(r);
            if (i == 1 && r.ok() < 0.5 * r.scheduled() && o.runs > 1) {
                skipped = "saturated";
                Bench.log("%s: run 1 completed only %d of %d requests; runs 2-%d skipped", name, r.ok(), r.scheduled(), o.runs);
                break;
            }
        }
        return new LoadRuns(name, paths.get(0), what, seq, rate, seconds, warmup, runs, skipped);
    }

    /**
     * Waits (at most 60 s) until {@code GET /api/v1/system} (no database) answers within 50 ms three times in a row, so
     * that requests a previous load left queued in the host have drained before the next measurement.
     */
    private static void settle(Host host) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int fast = 0;
        while (fast < 3 && System.nanoTime() < deadline) {
            LoadLoop.Sequential one = LoadLoop.sequential(List.of(host.baseUrl() + "/api/v1/system"), host.token(), 1, 0,
                    Duration.ofSeconds(30));
            fast = one.firstMs() < 50 ? fast + 1 : 0;
            if (fast < 3) {
                Bench.sleep(300);
            }
        }
    }

    private static double fileSizeMiB(Path file) {
        try {
            return Files.size(file) / (1024.0 * 1024.0);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    // ================================================================== 6: start-to-ready

    /**
     * One series of start-to-ready runs.
     *
     * @param dist "this build" or "baseline" (--startup-baseline, run interleaved with this build: same load)
     * @param store "H2" or "PostgreSQL"
     * @param kind "fresh" (new data folder and database each run) or "restart" (the first fresh run's)
     */
    record StartupSeries(String dist, String store, String kind, List<Double> runs) {
    }

    /** fresh / restart: this build on H2 (the summary's rows). */
    record StartupBench(List<Double> fresh, List<Double> restart, List<StartupSeries> series, String loadBefore,
                        String loadAfter) {
    }

    StartupBench startup;

    void startupBenchmark() {
        String loadBefore = Machine.loadAverage();
        Map<String, Path> dists = new LinkedHashMap<>();
        if (o.startupBaseline != null) {
            dists.put("baseline", o.startupBaseline);
        }
        dists.put("this build", o.dist);
        List<String> stores = o.postgres == null ? List.of("H2") : List.of("H2", "PostgreSQL");
        Bench.log("== 6: start-to-ready, %d fresh runs and %d restarts of %s on %s", o.startupRuns, o.startupRuns,
                dists.keySet(), stores);
        List<StartupSeries> series = new ArrayList<>();
        for (String store : stores) {
            for (String kind : List.of("fresh", "restart")) {
                Map<String, List<Double>> runs = new LinkedHashMap<>();
                dists.keySet().forEach(d -> runs.put(d, new ArrayList<>()));
                for (int i = 1; i <= o.startupRuns; i++) {
                    // interleaved: the distributions compared see the same load
                    for (Map.Entry<String, Path> d : dists.entrySet()) {
                        runs.get(d.getKey()).add(startToReady(d.getKey(), d.getValue(), store, kind, i));
                    }
                }
                runs.forEach((d, r) -> {
                    Bench.log("start-to-ready, %s, %s, %s: %s ms", d, store, kind, Stats.of(r).format(0));
                    series.add(new StartupSeries(d, store, kind, r));
                });
            }
        }
        StartupSeries h2Fresh = series.stream().filter(x -> x.dist().equals("this build") && x.store().equals("H2")
                && x.kind().equals("fresh")).findFirst().orElseThrow();
        StartupSeries h2Restart = series.stream().filter(x -> x.dist().equals("this build") && x.store().equals("H2")
                && x.kind().equals("restart")).findFirst().orElseThrow();
        startup = new StartupBench(h2Fresh.runs(), h2Restart.runs(), series, loadBefore, Machine.loadAverage());
    }

    /** One start of {@code dist}: a fresh data folder (and database) for run {@code i}, or run 1's again. */
    private double startToReady(String distName, Path dist, String store, String kind, int i) {
        String tag = (distName.equals("baseline") ? "base-" : "") + (store.equals("H2") ? "h2" : "pg");
        Path dir = o.work.resolve("startup");
        int run = kind.equals("fresh") ? i : 1;
        Path data = dir.resolve("data-" + tag + "-" + run);
        Map<String, String> env = Map.of();
        if (kind.equals("fresh")) {
            Bench.freshDir(data);
        }
        if (store.equals("PostgreSQL")) {
            String db = "bench_startup_" + tag.replace('-', '_') + "_" + run;
            env = kind.equals("fresh") ? freshPostgresDatabase(o, db) : Map.of("SHOPLINK_DB_URL", o.postgres + db,
                    "SHOPLINK_DB_USER", o.postgresUser, "SHOPLINK_DB_PASSWORD", "");
        }
        try (Host host = Host.start(dist, data, o.heap, null, dir.resolve(tag + "-" + kind + "-" + i + ".log"), env)) {
            return host.awaitReady(Duration.ofSeconds(180));
        }
    }

    // ================================================================== options

    enum Jfr { AUTO, ALWAYS, NEVER }

    /** The harness's options; picocli fills the annotated fields and calls the annotated setters in command-line order. */
    @Command(name = "Benchmarks", customSynopsis = "Benchmarks --root DIR [options]", sortOptions = false,
            usageHelpWidth = 120)
    static final class Options {
        static final Set<String> BENCHMARKS = Set.of("download", "sync", "ratelimit", "api", "startup", "many");

        @Option(names = "--root", paramLabel = "DIR", description = "the Shoplink checkout (default: the working folder)")
        Path root;
        @Option(names = "--dist", paramLabel = "DIR",
                description = "distribution folder with bin/shoplink (default: found under distribution/target)")
        Path dist;
        @Option(names = "--out", paramLabel = "FILE", description = "report (default <root>/docs/BENCHMARKS.md)")
        Path out;
        @Option(names = "--work", paramLabel = "DIR", description = "scratch folder (default <root>/bench/target/work)")
        Path work;
        @Option(names = "--only", paramLabel = "LIST", split = ",",
                description = "download,sync,ratelimit,api,startup,many (default all; download runs with sync)")
        Set<String> only = new LinkedHashSet<>(List.of("download", "sync", "ratelimit", "api", "startup", "many"));
        @Option(names = "--runs", paramLabel = "N", converter = Positive.class, description = "runs per figure (default 3)")
        int runs = 3;
        @Option(names = "--startup-runs", paramLabel = "N", converter = Positive.class,
                description = "start-to-ready runs (default 5)")
        int startupRuns = 5;
        @Option(names = "--products", paramLabel = "N", converter = Positive.class,
                description = "listings for the full product sync (default 20000)")
        int products = 20_000;
        @Option(names = "--orders", paramLabel = "N", converter = Positive.class,
                description = "orders in the shop for the full order sync (default 100000)")
        int orders = 100_000;
        @Option(names = "--order-days", paramLabel = "N", converter = Positive.class,
                description = "the simulator spreads orders over this many days (default 30)")
        int orderDays = 30;
        @Option(names = "--api-orders", paramLabel = "N", converter = Positive.class,
                description = "orders seeded for the admin API benchmark (default 1000000)")
        int apiOrders = 1_000_000;
        // the three below take whole numbers (converter Positive) into double fields
        @Option(names = "--rate", paramLabel = "R", converter = Positive.class,
                description = "requests per second of the admin API load (default 1000)")
        double rate = 1000;
        @Option(names = "--load-seconds", paramLabel = "S", converter = Positive.class,
                description = "length of one measured load run (default 20)")
        double loadSeconds = 20;
        @Option(names = "--filter-seconds", paramLabel = "S", converter = Positive.class,
                description = "length of one run of the filtered and the q= query (default 10)")
        double filterSeconds = 10;
        @Option(names = "--threads", paramLabel = "N", converter = Positive.class,
                description = "client threads of the admin API load (default 16)")
        int threads = 16;
        @Option(names = "--rl-products", paramLabel = "N", converter = Positive.class,
                description = "rate-limit benchmark shop: products (default 2000)")
        int rlProducts = 2_000;
        @Option(names = "--rl-orders", paramLabel = "N", converter = Positive.class,
                description = "rate-limit benchmark shop: orders (default 2000)")
        int rlOrders = 2_000;
        @Option(names = "--rl-page-cap", paramLabel = "N", converter = Positive.class,
                description = "rate-limit benchmark shop: items a page (default 50)")
        int rlPageCap = 50;
        @Option(names = "--rl-window-ms", paramLabel = "MS", converter = Positive.class,
                description = "rate-limit benchmark shop: the window (default 60000)")
        long rlWindowMs = 60_000;
        @Option(names = "--many-shops", paramLabel = "N", converter = Positive.class,
                description = "many-shops benchmark: shops (default 50)")
        int manyShops = 50;
        @Option(names = "--many-limit", paramLabel = "N", converter = Positive.class,
                description = "many-shops benchmark: requests per window and key (default 10)")
        int manyLimit = 10;
        @Option(names = "--many-window-ms", paramLabel = "MS", converter = Positive.class,
                description = "many-shops benchmark: the rate-limit window (default 30000)")
        int manyWindowMs = 30_000;
        @Option(names = "--many-page-cap", paramLabel = "N", converter = Positive.class,
                description = "many-shops benchmark: items a page (default 20)")
        int manyPageCap = 20;
        @Option(names = "--many-products", paramLabel = "N", converter = Positive.class,
                description = "many-shops benchmark: products behind every key (default 300)")
        int manyProducts = 300;
        @Option(names = "--many-orders", paramLabel = "N", converter = Positive.class,
                description = "many-shops benchmark: orders behind every key (default 300)")
        int manyOrders = 300;
        @Option(names = "--heap", paramLabel = "OPTS", description = "SHOPLINK_JAVA_OPTS of the host under test (default -Xmx256m)")
        String heap = "-Xmx256m";
        /** Another distribution folder whose start-to-ready runs interleaved with this build's (before/after, same load). */
        @Option(names = "--startup-baseline", paramLabel = "DIR",
                description = "another distribution folder (e.g. an older build), started interleaved with this one")
        Path startupBaseline;
        /** JDBC URL of a PostgreSQL server (ending in '/'): the sync benchmark's hosts use a fresh database on it. */
        @Option(names = "--postgres", paramLabel = "URL", description = "the sync benchmark and, besides H2, the admin API benchmark on PostgreSQL, start-up"
                + " and the many-shops benchmark on H2 and on it: jdbc:postgresql://127.0.0.1:5432/ (a fresh database a run)")
        String postgres;
        @Option(names = "--postgres-user", paramLabel = "U", description = "its user, no password (default postgres)")
        String postgresUser = "postgres";
        @Option(names = "--api-reuse",
                description = "benchmark 5 reuses the orders an earlier run seeded (H2 folder, PostgreSQL database bench_api)")
        boolean apiReuse;
        @Option(names = "--api-stores", paramLabel = "LIST", split = ",",
                description = "benchmark 5 on h2,postgres (default both; postgres needs --postgres)")
        Set<String> apiStores = new LinkedHashSet<>(List.of("h2", "postgres"));
        @Option(names = "--deep-pages", paramLabel = "N",
                description = "benchmark 5 follows next links to page N; the last tenth are the deep pages (default 2000)")
        int deepPages = 2000;
        @Option(names = "--note", paramLabel = "TEXT", description = "a remark printed at the top of the report")
        String note;
        @Option(names = "--jfr", paramLabel = "auto|always|never",
                description = "record the last sync run with JFR when run 1 missed a sync goal (default auto)")
        Jfr jfr = Jfr.AUTO;
        boolean quick;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
        List<String> args;

        /** Sets the small sizes where it stands: an option after it still counts, one before it is overridden. */
        @Option(names = "--quick", description = "small sizes, short runs: a smoke test of the harness, not a result")
        void quick(boolean on) {
            quick = true;
            deepPages = 200;
            products = 2_000;
            orders = 10_000;
            apiOrders = 50_000;
            loadSeconds = 3;
            filterSeconds = 2;
            rlProducts = 200;
            rlOrders = 200;
            rlWindowMs = 5_000;
            startupRuns = 2;
            manyShops = 5;
            manyWindowMs = 5_000;
        }

        static String usage() {
            return parser(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }

        private static CommandLine parser(Options o) {
            return new CommandLine(o)
                    .setOverwrittenOptionsAllowed(true) // bench/run passes --root first; a repeated option: the last counts
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setExpandAtFiles(false)
                    .setUsageHelpLongOptionsMaxWidth(30);
        }

        /**
         * @return null when help was asked for
         * @throws IllegalArgumentException for a usage error
         */
        static Options parse(String[] args) {
            Options o = new Options();
            o.args = List.of(args);
            CommandLine parser = parser(o);
            try {
                parser.parseArgs(args);
            } catch (ParameterException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (parser.isUsageHelpRequested()) {
                return null;
            }
            for (String s : o.only) {
                if (!BENCHMARKS.contains(s)) {
                    throw new IllegalArgumentException("unknown benchmark in --only: " + s);
                }
            }
            o.root = (o.root == null ? Path.of("") : o.root).toAbsolutePath().normalize();
            o.dist = o.dist == null ? findDistribution(o.root) : o.dist.toAbsolutePath().normalize();
            o.out = (o.out == null ? o.root.resolve("docs/BENCHMARKS.md") : o.out).toAbsolutePath().normalize();
            o.work = (o.work == null ? o.root.resolve("bench/target/work") : o.work).toAbsolutePath().normalize();
            if (o.startupBaseline != null) {
                o.startupBaseline = o.startupBaseline.toAbsolutePath().normalize();
            }
            if (!Files.isExecutable(o.dist.resolve("bin/shoplink"))) {
                throw new IllegalArgumentException("no executable bin/shoplink in " + o.dist + " (build with mvn -q -B package -DskipTests)");
            }
            return o;
        }

        /** A whole number of 1 or more. */
        static final class Positive implements ITypeConverter<Integer> {
            @Override
            public Integer convert(String value) {
                int v;
                try {
                    v = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + value + "' is not a whole number");
                }
                if (v < 1) {
                    throw new TypeConversionException(value + " (must be 1 or more)");
                }
                return v;
            }
        }

        /** distribution/target/shoplink, or the base folder the assembly puts inside it. */
        static Path findDistribution(Path root) {
            Path target = root.resolve("distribution/target/shoplink");
            for (Path p : List.of(target, target.resolve("shoplink"))) {
                if (Files.isExecutable(p.resolve("bin/shoplink"))) {
                    return p;
                }
            }
            return target;
        }
    }
}
