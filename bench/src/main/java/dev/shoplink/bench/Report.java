package dev.shoplink.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders docs/BENCHMARKS.md from the results. */
final class Report {
    private final BenchOptions o;
    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean rateLimitConcurrent;
    /** Optional hand-written analysis (bench/ANALYSIS.md), copied in after the measured sections. */
    String findings;
    String loadAtStart = "unknown";
    String loadAtEnd = "unknown";
    double totalSeconds;
    long linesInWindow = -1;
    /** Benchmark 7, one result per store; empty when it did not run. */
    List<ManyShopsBench.Result> manyShops = List.of();

    Report(BenchOptions o) {
        this.o = o;
    }

    private static String f0(double v) {
        return Stats.fmt(v, 0);
    }

    private static String f1(double v) {
        return Stats.fmt(v, 1);
    }

    private static String f2(double v) {
        return Stats.fmt(v, 2);
    }

    private static String mark(boolean met) {
        return met ? "✅ met" : "❌ missed";
    }

    private static String s(double ms) {
        return Stats.fmt(ms / 1000, 2);
    }

    String render(SyncBenchmark.SyncBench sync, RateLimitBenchmark.RateLimitBench rl, ApiBenchmark.ApiBench api,
                  StartupBenchmark.StartupBench startup, SyncBenchmark.Profile profile) {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks\n\n");
        b.append("Written by `bench/run` (harness: `bench/`, main class `dev.shoplink.bench.Benchmarks`) on ")
                .append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(". ")
                .append("Do not edit the figures by hand: run `bench/run` again (about 10 minutes). ")
                .append("The goals come from issues 4, 5 and 6.\n\n");
        if (o.quick) {
            b.append("> **Smoke test (`--quick`)**: small data sets and short runs, to check the harness. These figures are "
                    + "not results.\n\n");
        }
        if (o.note != null && !o.note.isBlank()) {
            b.append("> **Note:** ").append(o.note).append("\n\n");
        }
        if (!failures.isEmpty()) {
            b.append("> **Failures during this run:**\n");
            failures.forEach(f -> b.append(">\n> - ").append(f.replace("\n", " ")).append('\n'));
            b.append('\n');
        }

        b.append("## Machine\n\n| | |\n|---|---|\n");
        b.append("| cores | ").append(Machine.cores()).append(" × ").append(Machine.cpu()).append(" |\n");
        b.append("| memory | ").append(Machine.memory()).append(" |\n");
        b.append("| JDK | ").append(Machine.jdk()).append(" (harness and host) |\n");
        b.append("| OS | ").append(Machine.os()).append(" |\n");
        b.append("| code | ").append(Machine.git(o.root)).append(" |\n");
        b.append("| load average (1 / 5 / 15 min) | at start ").append(loadAtStart).append("; at end ").append(loadAtEnd).append(" |\n");
        b.append("| duration of the whole run | ").append(f1(totalSeconds / 60)).append(" min |\n");
        b.append("| host under test | the distribution's `bin/shoplink` as a child process, `SHOPLINK_JAVA_OPTS=")
                .append(o.heap).append("`, embedded H2 file database, a fresh data folder per run |\n");
        b.append("| shop | the shop simulator (`tools/shop-simulator`) embedded in the harness JVM on 127.0.0.1 |\n\n");
        b.append("The host, the simulator and the load generator share the same ").append(Machine.cores())
                .append(" cores, and other jobs may have run on the machine at the same time (see the load average): ")
                .append("read the figures as this machine's, not as a capacity plan.\n\n");

        summary(b, sync, rl, api, startup);
        if (sync != null) {
            syncDetails(b, sync);
        }
        if (rl != null) {
            rateLimitDetails(b, rl);
        }
        ManyShopsBench.details(b, manyShops);
        if (api != null) {
            apiDetails(b, api);
        }
        if (apiPostgres != null) {
            apiDetails(b, apiPostgres);
        }
        if (startup != null) {
            startupDetails(b, startup);
        }
        if (profile != null) {
            profileDetails(b, profile);
        }
        if (findings != null && !findings.isBlank()) {
            b.append(findings.strip()).append("\n\n");
        }
        method(b);
        return b.toString();
    }

    // ------------------------------------------------------------------ summary

    private void summary(StringBuilder b, SyncBenchmark.SyncBench sync, RateLimitBenchmark.RateLimitBench rl, ApiBenchmark.ApiBench api,
                         StartupBenchmark.StartupBench startup) {
        b.append("## Summary\n\nFigures are min / **median** / max over ").append(o.runs)
                .append(" runs unless a row says otherwise; times in seconds unless marked ms.\n\n");
        b.append("| # | benchmark | measured | baseline, same run | goal | result |\n|---|---|---|---|---|---|\n");
        if (sync != null) {
            SyncSummary s = SyncSummary.of(sync);
            SyncBenchmark.SyncRun first = sync.runs().get(0);
            b.append("| 1 | download baseline: all ").append(first.baseProducts().pages()).append(" product pages + ")
                    .append(first.baseOrders().pages()).append(" order pages (").append(f0(first.baseOrders().bytes() / 1e6))
                    .append(" MB of orders), bare JDK HttpClient, no parsing | products ").append(s.baseProducts().map(x -> x / 1000).format(2))
                    .append("; orders ").append(s.baseOrders().map(x -> x / 1000).format(2)).append(" | — | — | |\n");
            if (o.only.contains("sync")) {
                b.append("| 2 | full product sync, ").append(String.format(Locale.ROOT, "%,d", o.products)).append(" listings | ")
                        .append(s.products().map(x -> x / 1000).format(2)).append(" | ").append(s.baseProducts().map(x -> x / 1000).format(2))
                        .append(" | ≤ ").append(Benchmarks.GOAL_SYNC_RATIO).append("× the download | ratio ")
                        .append(s.productRatio().format(2)).append("× ").append(mark(s.productRatio().median() <= Benchmarks.GOAL_SYNC_RATIO))
                        .append(" |\n");
                b.append("| 2 | full order sync, ").append(ordersLabel(sync)).append(" | ")
                        .append(s.orders().map(x -> x / 1000).format(2)).append(" | ").append(s.baseOrders().map(x -> x / 1000).format(2))
                        .append(" | ≤ ").append(Benchmarks.GOAL_SYNC_RATIO).append("× the download | ratio ")
                        .append(s.orderRatio().format(2)).append("× ").append(mark(s.orderRatio().median() <= Benchmarks.GOAL_SYNC_RATIO))
                        .append(" |\n");
                // the goal is judged on the GC log's largest occupancy (what the heap really held); heapPeak sums the
                // pools' peaks, which never coincide, so it is only an upper bound and can exceed -Xmx
                b.append("| 2 | peak heap of the host over both syncs under `").append(o.heap).append("`: GC log, largest heap")
                        .append(" before a GC (MiB) | ").append(gcBefore(sync).format(0)).append("; after GC ")
                        .append(gcAfter(sync).format(0)).append("; `heapPeak` (upper bound) ").append(s.heapPeak().format(0))
                        .append(" | — | ≤ ").append(f0(Benchmarks.GOAL_HEAP_MIB))
                        .append(" MB and the sync succeeds | ").append(mark(gcBefore(sync).max() <= Benchmarks.GOAL_HEAP_MIB && !s.failed()))
                        .append(s.failed() ? " (a sync failed)" : "").append(" |\n");
                b.append("| 3 | incremental order sync after changing 1 % of the orders | ").append(s.incremental().map(x -> x / 1000).format(2))
                        .append(" | full order sync ").append(s.orders().map(x -> x / 1000).format(2)).append(" | ≤ ")
                        .append(f0(Benchmarks.GOAL_INCREMENTAL_SHARE)).append(" % of the full sync | ")
                        .append(s.incrementalShare().format(1)).append(" % ")
                        .append(mark(s.incrementalShare().median() <= Benchmarks.GOAL_INCREMENTAL_SHARE)).append(" |\n");
            }
        }
        if (rl != null) {
            double ratio = (double) rl.requests() / rl.minimum();
            boolean met = ratio <= Benchmarks.GOAL_REQUEST_RATIO && rl.maxTooManyPerWindow() <= 1 && rl.sync().succeeded();
            b.append("| 4 | sync at ShipStation's limit (").append(rl.limit()).append(" req/min), ")
                    .append(rl.products()).append(" products + ").append(rl.ordersInWindow()).append(" orders, pages of ")
                    .append(rl.pageCap()).append(" (1 run) | ").append(rl.requests()).append(" requests, ")
                    .append(rl.tooMany()).append(" × 429, ").append(f0(rl.seconds())).append(" s | minimum ")
                    .append(rl.minimum()).append(" requests | ≤ ").append(Benchmarks.GOAL_REQUEST_RATIO)
                    .append("× the minimum, no 429 burst | ").append(f2(ratio)).append("× ").append(mark(met)).append(" |\n");
        }
        manyShops.forEach(r -> ManyShopsBench.summaryRow(b, r));
        for (ApiBenchmark.ApiBench store : java.util.Arrays.asList(api, apiPostgres)) {
            if (store == null) {
                continue;
            }
            for (ApiBenchmark.LoadRuns q : store.queries()) {
                double[] seq = q.sequential().sorted();
                String over = String.format(Locale.ROOT, " over %,d orders", store.seeded().orders());
                if (q.runs().isEmpty()) {
                    b.append("| 5 | admin API, ").append(q.what()).append(over).append(", one request at a time (")
                            .append(seq.length).append(" requests, ms; too slow to offer ").append(f0(q.rate()))
                            .append(" req/s) | first ").append(f1(q.sequential().firstMs())).append("; p50 ")
                            .append(f1(Stats.percentile(seq, 50))).append("; max ").append(f1(seq[seq.length - 1]))
                            .append(" | — | ").append(goal(q) > 0 ? "p99 ≤ " + f0(goal(q)) + " ms at 1,000 req/s" : "—")
                            .append(" | ").append(goal(q) > 0 ? mark(false) : "").append(" |\n");
                    continue;
                }
                Stats p50 = Stats.of(q.runs().stream().map(LoadLoop.Result::p50).toList());
                Stats p99 = Stats.of(q.runs().stream().map(LoadLoop.Result::p99).toList());
                Stats max = Stats.of(q.runs().stream().map(LoadLoop.Result::max).toList());
                Stats achieved = Stats.of(q.runs().stream().map(LoadLoop.Result::achievedRate).toList());
                int errors = q.runs().stream().mapToInt(LoadLoop.Result::errors).sum();
                int notSent = q.runs().stream().mapToInt(LoadLoop.Result::notSent).sum();
                b.append("| 5 | admin API, ").append(q.what()).append(over).append(", offered ").append(f0(q.rate()))
                        .append(" req/s for ").append(f0(q.seconds())).append(" s (ms")
                        .append(q.runs().size() < o.runs ? "; " + q.runs().size() + " run, see below" : "").append(") | p50 ")
                        .append(p50.format(2)).append("; p99 ").append(p99.format(2)).append("; max ").append(max.format(1))
                        .append("; achieved ").append(achieved.format(0)).append(" req/s; errors ").append(errors)
                        .append(", not sent ").append(notSent).append(" | — | ")
                        .append(goal(q) > 0 ? "p99 ≤ " + f0(goal(q)) + " ms at 1,000 req/s" : "—").append(" | ")
                        .append(goal(q) > 0 ? mark(p99.median() <= goal(q) && errors + notSent == 0 && q.rate() >= 1000) : "")
                        .append(" |\n");
            }
        }
        if (startup != null) {
            b.append("| 6 | start-to-ready (process start → `/health/ready` 200), bundled plugins, fresh data folder, ")
                    .append(startup.fresh().size()).append(" runs (ms) | ").append(Stats.of(startup.fresh()).format(0))
                    .append(" | — | ≤ ").append(f0(Benchmarks.GOAL_START_MS)).append(" ms | ")
                    .append(mark(Stats.of(startup.fresh()).median() <= Benchmarks.GOAL_START_MS)).append(" |\n");
            b.append("| 6 | start-to-ready, restart on an existing data folder, ").append(startup.restart().size())
                    .append(" runs (ms) | ").append(Stats.of(startup.restart()).format(0)).append(" | — | ≤ ")
                    .append(f0(Benchmarks.GOAL_START_MS)).append(" ms | ")
                    .append(mark(Stats.of(startup.restart()).median() <= Benchmarks.GOAL_START_MS)).append(" |\n");
        }
        if (api != null) {
            b.append("| 6 | start-to-ready with ").append(String.format(Locale.ROOT, "%,d", api.seeded().orders()))
                    .append(" orders in the database, 1 run (ms) | ").append(f0(api.readyMs())).append(" | — | — | |\n");
        }
        b.append('\n');
    }

    private static Stats gcBefore(SyncBenchmark.SyncBench sync) {
        return Stats.of(sync.runs().stream().filter(r -> r.gc() != null && r.gc().collections() > 0)
                .map(r -> r.gc().maxBeforeMiB()).toList());
    }

    private static Stats gcAfter(SyncBenchmark.SyncBench sync) {
        return Stats.of(sync.runs().stream().filter(r -> r.gc() != null && r.gc().collections() > 0)
                .map(r -> r.gc().maxAfterMiB()).toList());
    }

    private String ordersLabel(SyncBenchmark.SyncBench sync) {
        SyncBenchmark.SyncRun r = sync.runs().get(0);
        long items = r.orders() == null ? -1 : r.orders().items();
        return String.format(Locale.ROOT, "%,d orders imported%s", items,
                linesInWindow > 0 ? String.format(Locale.ROOT, " (%,d lines)", linesInWindow) : "");
    }

    // ------------------------------------------------------------------ 1-3

    private void syncDetails(StringBuilder b, SyncBenchmark.SyncBench sync) {
        b.append("## 1–3. Download baseline, full syncs, incremental sync\n\n");
        SyncBenchmark.SyncRun first = sync.runs().get(0);
        b.append(String.format(Locale.ROOT, "The shop: %,d products and %,d orders spread over the last %d days (simulator seed 42, "
                        + "regenerated identically for every run); the integration's sync start date is %s (today − 30 days, UTC), "
                        + "so the order sync reads every order placed since then: %,d order pages of 500 (%,.0f MB), of which the host "
                        + "keeps all but the orders on hold. Products: %,d pages of 500 (%,.0f MB).%s\n\n",
                o.products, sync.ordersInShop(), o.orderDays, sync.syncStart(), first.baseOrders().pages(),
                first.baseOrders().bytes() / 1e6, first.baseProducts().pages(), first.baseProducts().bytes() / 1e6,
                linesInWindow > 0 ? String.format(Locale.ROOT, " The orders in the window carry %,d lines.", linesInWindow) : ""));
        b.append("Each run: a fresh simulator; the baseline downloads; a fresh host (fresh data folder); `POST /integrations`; "
                + "a `products` sync; an `orders` sync; `heapPeak`; `mutateOrders(1 %)`; an incremental `orders` sync. "
                + "Sync times are wall clock from `POST …/sync` to the first poll that sees `SUCCEEDED` (polls every 20 ms "
                + "for 2 s, then every 100 ms); the host's own `startedAt → finishedAt` is in brackets.\n\n");
        if (sync.warmup() != null) {
            b.append(String.format(Locale.ROOT, "Before run 1 the harness downloaded the order pages once to warm up its own JIT "
                    + "(%.2f s, not counted).\n\n", sync.warmup().millis() / 1000));
        }
        b.append("| run | download products | product sync | ratio | ms/page (sync vs download) | download orders | order sync | ratio | ms/page (sync vs download) | heapPeak MiB | GC log | changed | incremental | share of full |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SyncBenchmark.SyncRun r : sync.runs()) {
            b.append("| ").append(r.run()).append(r.jfr() ? " (JFR)" : "").append(" | ").append(s(r.baseProducts().millis())).append(" | ");
            if (r.products() == null) {
                b.append("— | | | ").append(s(r.baseOrders().millis())).append(" | — | | | | | | | |\n");
                continue;
            }
            b.append(syncCell(r.products())).append(" | ").append(f2(r.products().wallMs() / r.baseProducts().millis())).append("× | ")
                    .append(f1(r.products().wallMs() / Math.max(1, r.products().pages()))).append(" vs ")
                    .append(f1(r.baseProducts().millis() / r.baseProducts().pages())).append(" | ")
                    .append(s(r.baseOrders().millis())).append(" | ");
            if (r.orders() == null) {
                b.append("— | | | | | | |\n");
                continue;
            }
            b.append(syncCell(r.orders())).append(" | ").append(f2(r.orders().wallMs() / r.baseOrders().millis())).append("× | ")
                    .append(f1(r.orders().wallMs() / Math.max(1, r.orders().pages()))).append(" vs ")
                    .append(f1(r.baseOrders().millis() / r.baseOrders().pages())).append(" | ")
                    .append(f0(r.heapPeakMiB())).append(" of ").append(f0(r.heapMaxMiB())).append(" | ")
                    .append(gc(r.gc())).append(" | ")
                    .append(r.mutated()).append(" | ");
            if (r.incremental() == null) {
                b.append("— | |\n");
                continue;
            }
            b.append(syncCell(r.incremental())).append(" | ")
                    .append(f1(100 * r.incremental().wallMs() / r.orders().wallMs())).append(" % |\n");
        }
        SyncSummary s = SyncSummary.of(sync);
        b.append("\nMin / **median** / max: product sync ").append(s.products().map(x -> x / 1000).format(2))
                .append(" s (host: ").append(s.productsServer().map(x -> x / 1000).format(2)).append(" s), ")
                .append(s.productPageMs().format(1)).append(" ms per page against ").append(s.baseProductPageMs().format(1))
                .append(" ms to download one; order sync ").append(s.orders().map(x -> x / 1000).format(2)).append(" s (host: ")
                .append(s.ordersServer().map(x -> x / 1000).format(2)).append(" s), ").append(s.orderPageMs().format(1))
                .append(" ms per page against ").append(s.baseOrderPageMs().format(1)).append(" ms; incremental ")
                .append(s.incremental().map(x -> x / 1000).format(2)).append(" s (host: ")
                .append(s.incrementalServer().map(x -> x / 1000).format(2)).append(" s).\n\n");
        List<String> pace = new ArrayList<>();
        for (SyncBenchmark.SyncRun r : sync.runs()) {
            if (r.orders() != null && r.orders().succeeded() && !Double.isNaN(r.orders().firstTenthMsPerPage())) {
                pace.add(String.format(Locale.ROOT, "run %d: %.0f ms per page over the first tenth of the pages, %.0f ms over the "
                        + "last tenth", r.run(), r.orders().firstTenthMsPerPage(), r.orders().lastTenthMsPerPage()));
            }
        }
        if (!pace.isEmpty()) {
            b.append("Order sync pace, from the polled progress (a page costs more the more orders the host already holds "
                    + "when the last tenth is slower): ").append(String.join("; ", pace)).append(".\n\n");
        }
        if (sync.runs().stream().anyMatch(SyncBenchmark.SyncRun::jfr)) {
            b.append("The run marked (JFR) ran with Flight Recorder on (`settings=profile`, a few per cent of overhead); "
                    + "its profile is summarized under *Where the time goes*.\n\n");
        }
        b.append("`heapPeak` is the sum of the heap pools' peak usage since the host started (an upper bound: the pools "
                + "peak at different moments); it covers start-up, both syncs and the incremental sync. The GC log "
                + "(`-Xlog:gc`, added to the host's options in these runs) gives the heap occupancy right before each "
                + "collection (the real peak occupancy) and right after it (an upper bound of what was live: a young collection "
                + "leaves the old generation's garbage in place), over the same span.\n\n");
    }

    private static String gc(GcLog g) {
        if (g == null || g.collections() == 0) {
            return "—";
        }
        return "before GC max " + f0(g.maxBeforeMiB()) + " MiB, after GC max " + f0(g.maxAfterMiB()) + " MiB (" + g.collections() + " GCs"
                + (g.fullCollections() > 0 ? ", " + g.fullCollections() + " full" : "") + ", " + f0(g.pauseMs()) + " ms paused)";
    }

    private static String syncCell(Api.SyncResult r) {
        if (!r.succeeded()) {
            return "**" + r.state() + "** " + (r.error() == null ? "" : r.error().replace("|", "/"));
        }
        return s(r.wallMs()) + " (" + s(r.serverMs()) + ")";
    }

    // ------------------------------------------------------------------ 4

    private void rateLimitDetails(StringBuilder b, RateLimitBenchmark.RateLimitBench rl) {
        b.append("## 4. At ShipStation's rate limit (one run)\n\n");
        b.append(String.format(Locale.ROOT, "One run only: it is bound by the limit, not by the machine (%.0f s of mostly waiting), "
                        + "and the count of requests does not vary with load. The simulator limits to %d requests per %,d ms window "
                        + "and key (ShipStation's documented 40 per minute, with its `X-Rate-Limit-*` headers and 429s), serves at most "
                        + "%d items a page, and holds %,d products and %,d orders in the sync window. One `all` sync (products, then "
                        + "orders) after `POST /integrations`.%s\n\n",
                rl.seconds(), rl.limit(), rl.windowMs(), rl.pageCap(), rl.products(), rl.ordersInWindow(),
                rateLimitConcurrent ? " It ran while the harness seeded the database of benchmark 5 (that seeding is not a "
                        + "measured figure; benchmark 5 waited for this one to finish before it measured anything)." : ""));
        int productPages = (rl.products() + rl.pageCap() - 1) / rl.pageCap();
        int orderPages = (rl.ordersInWindow() + rl.pageCap() - 1) / rl.pageCap();
        b.append("| | |\n|---|---|\n");
        b.append("| theoretical minimum | ").append(rl.minimum()).append(" = 1 credential check + ").append(productPages)
                .append(" product pages + ").append(orderPages).append(" order pages |\n");
        b.append("| requests the simulator received | ").append(rl.requests()).append(" (").append(f2((double) rl.requests() / rl.minimum()))
                .append("× the minimum) |\n");
        b.append("| by route | ").append(routes(rl.stats().byPath())).append(" |\n");
        b.append("| 429 answers | ").append(rl.tooMany()).append("; at most ").append(rl.maxTooManyPerWindow())
                .append(" within one rate-limit window |\n");
        b.append("| sync | ").append(rl.sync().state()).append(", ").append(rl.sync().pages()).append(" pages, ")
                .append(rl.sync().items()).append(" items |\n");
        b.append("| wall time from `POST /integrations` to `SUCCEEDED` | ").append(f0(rl.seconds())).append(" s (")
                .append(f1(rl.requests() / (rl.seconds() / 60.0))).append(" requests/min) |\n\n");
        double perRequest = rl.seconds() / rl.requests();
        int full = 1 + (o.products + 499) / 500 + (100_000 + 499) / 500;
        int million = 1 + (o.products + 499) / 500 + (1_000_000 + 499) / 500;
        b.append(String.format(Locale.ROOT, "**Extrapolation.** Against ShipStation the connector asks for 500 items a page. The "
                        + "full data set of benchmark 2 (%,d products, 100,000 orders) is then at least %d requests, i.e. at least "
                        + "%.1f minutes at 40 requests/min; at the pace measured here (%.2f s per request, including the wait for "
                        + "each new window) it would take about %.1f minutes. A shop with 1,000,000 orders in the window: at least "
                        + "%,d requests, about %.0f minutes. An incremental sync of a day's orders needs a handful of "
                        + "requests and fits in one window. The rate limit, not the host, bounds a first "
                        + "sync against the real ShipStation.\n\n",
                o.products, full, full / 40.0, perRequest, full * perRequest / 60, million, million * perRequest / 60));
    }

    private static String routes(Map<String, Long> byPath) {
        StringBuilder b = new StringBuilder();
        byPath.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append('`').append(k).append("` ").append(v));
        return b.toString();
    }

    // ------------------------------------------------------------------ 5

    /** Issue 13's goals: p99 of 20 ms for any of the first pages, deep pages and filters, 100 ms for the text search. */
    private static double goal(ApiBenchmark.LoadRuns q) {
        return q.name().startsWith("text search") ? Benchmarks.GOAL_SEARCH_P99_MS : Benchmarks.GOAL_P99_MS;
    }

    /** Benchmark 5 on PostgreSQL (--postgres), rendered after the H2 one. */
    ApiBenchmark.ApiBench apiPostgres;

    private void apiDetails(StringBuilder b, ApiBenchmark.ApiBench api) {
        OrderSeeder.Seeded sd = api.seeded();
        boolean pg = api == apiPostgres;
        b.append("## 5. Admin API over ").append(String.format(Locale.ROOT, "%,d", sd.orders())).append(" orders")
                .append(pg ? " on PostgreSQL" : "").append("\n\n");
        if (pg) {
            b.append("The same data seeded the same way into a fresh PostgreSQL database (`--postgres`; batched inserts with "
                    + "`reWriteBatchedInserts`, then `ANALYZE` and `VACUUM ANALYZE` of the order tables); the host ran against it. "
                    + "The file size below does not apply.\n\n");
        }
        b.append(String.format(Locale.ROOT, "Seeding: the host was started once on a fresh data folder (Flyway migration) and three "
                        + "integrations were created through the API; then the host was stopped and the harness wrote, with batched "
                        + "JDBC inserts into the same H2 file and the host's schema, 400 catalog variants, %,d listings (70 %% of the "
                        + "known SKUs mapped), %,d orders over the last 730 days (55 / 30 / 15 %% over the three integrations; "
                        + "recent orders mostly `RECEIVED`/`IN_PROGRESS`, older ones `COMPLETED`/`ARCHIVED`) and %,d lines "
                        + "(3 per order), then ran H2's `ANALYZE`. That took %.0f s; the database file is %,.0f MiB. Then the "
                        + "distribution was started on that folder (`%s`; ready in %.1f s).\n\n",
                sd.listings(), sd.orders(), sd.lines(), sd.millis() / 1000, api.dbFileMiB(), o.heap, api.readyMs() / 1000));
        b.append(String.format(Locale.ROOT, "Each query is first asked one request at a time (closed loop; the first answer is the "
                        + "cold one a user gets first, the rest show the plain service time). Then the open-model load: request *i* "
                        + "is scheduled at start + *i*/rate and its latency is measured from that scheduled instant, so a stall "
                        + "counts for every request it delays (no coordinated omission); %d sender threads share one JDK HttpClient "
                        + "(HTTP/1.1 keep-alive) on 127.0.0.1; a request that could not be sent by 1.5× the planned time + 10 s counts "
                        + "as *not sent*, a 10 s timeout or a non-200 as an error. Before each run the harness waits until "
                        + "`GET /api/v1/system` answers fast again (what an earlier run left queued has drained). A query whose "
                        + "one-at-a-time median is above %.0f ms is not offered %.0f req/s (%d cores leave %.1f ms of CPU per "
                        + "request at that rate; the run would only build a queue). If run 1 completes fewer than half of its "
                        + "requests, runs 2–%d are skipped: the host is saturated, and more runs would cost minutes and repeat that.\n\n",
                o.threads, ApiBenchmark.SLOW_QUERY_MS, o.rate, Machine.cores(), Machine.cores() * 1000 / o.rate, o.runs));
        b.append("H2 hands back the previous result of a prepared statement when the same statement runs again with the same "
                + "parameters and the tables did not change; the pool keeps 10 connections, each with its own statements. So the "
                + "same page asked again and again (page 1) is mostly answered from that reuse once every connection has run it, "
                + "while pages 2–11 in turn, or any page while a sync writes orders, show the cost of the query itself.\n\n");
        for (ApiBenchmark.LoadRuns q : api.queries()) {
            double[] seq = q.sequential().sorted();
            b.append("### ").append(q.name()).append("\n\n");
            b.append(String.format(Locale.ROOT, "%s matches %,d orders. One request at a time: first %.1f ms, then p50 %.2f ms, "
                            + "p99 %.2f ms, max %.1f ms (%d requests).", q.what(), q.sequential().total(), q.sequential().firstMs(),
                    Stats.percentile(seq, 50), Stats.percentile(seq, 99), seq[seq.length - 1], seq.length));
            if ("slow".equals(q.skipped())) {
                b.append(String.format(Locale.ROOT, " **Not offered %.0f req/s**: one request at a time already takes more than "
                        + "%.0f ms.\n\n", q.rate(), ApiBenchmark.SLOW_QUERY_MS));
                continue;
            }
            if (q.warmup() != null) {
                LoadLoop.Result w = q.warmup();
                b.append(String.format(Locale.ROOT, " A %.0f s warm-up at %.0f req/s came first (not counted): p50 %.1f ms, p99 "
                                + "%.1f ms, %d ok, %d errors, %d not sent.", w.seconds(), w.rate(), w.p50(), w.p99(), w.ok(), w.errors(),
                        w.notSent()));
            }
            if ("saturated".equals(q.skipped())) {
                b.append(String.format(Locale.ROOT, " **Only 1 run:** it completed fewer than half of its requests (the host "
                        + "saturated), so runs 2–%d were skipped.", o.runs));
            }
            b.append("\n\n| run | offered | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms | ok | errors | not sent | achieved req/s |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            int i = 1;
            for (LoadLoop.Result r : q.runs()) {
                b.append("| ").append(i++).append(" | ").append(f0(r.rate())).append(" req/s × ").append(f0(r.seconds())).append(" s | ")
                        .append(f2(r.p50())).append(" | ").append(f2(r.p90())).append(" | ").append(f2(r.p99())).append(" | ")
                        .append(f2(r.p999())).append(" | ").append(f1(r.max())).append(" | ").append(f2(r.mean())).append(" | ")
                        .append(r.ok()).append(" | ").append(r.errors()).append(r.errorKinds().isEmpty() ? "" : " " + r.errorKinds())
                        .append(" | ").append(r.notSent()).append(" | ").append(f0(r.achievedRate())).append(" |\n");
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "Host `heapPeak` after the load: %.0f MiB. GC log of this host (`-Xlog:gc`) over "
                + "the whole benchmark: %s.\n\n", api.heapPeakMiB(), gc(api.gc())));
    }

    // ------------------------------------------------------------------ 6

    private void startupDetails(StringBuilder b, StartupBenchmark.StartupBench st) {
        b.append("## 6. Start-to-ready\n\n");
        b.append("From `ProcessBuilder.start()` of `bin/shoplink` (bash, then the JVM) to the first `200` of `GET /health/ready`, "
                + "polled every 10 ms; the bundled ShipStation plugin is loaded by then. *Fresh* runs create the data folder, "
                + "the admin token file, the secret key and the schema (Flyway); *restarts* reuse the first fresh run's folder.\n\n");
        b.append("*Fresh* runs on PostgreSQL use a new database each run, *restarts* run 1's. With `--startup-baseline` the "
                + "baseline distribution's runs alternate with this build's, so both see the same load. Load average "
                + st.loadBefore() + " before, " + st.loadAfter() + " after.\n\n");
        b.append("| distribution | store | start | runs (ms) | min / **median** / max |\n|---|---|---|---|---|\n");
        for (StartupBenchmark.StartupSeries x : st.series()) {
            b.append("| ").append(x.dist()).append(" | ").append(x.store()).append(" | ")
                    .append(x.kind().equals("fresh") ? "fresh data folder" : "restart").append(" | ").append(list(x.runs()))
                    .append(" | ").append(Stats.of(x.runs()).format(0)).append(" |\n");
        }
        b.append("\n");
    }

    private static String list(List<Double> v) {
        StringBuilder b = new StringBuilder();
        v.forEach(x -> b.append(b.length() == 0 ? "" : ", ").append(f0(x)));
        return b.toString();
    }

    // ------------------------------------------------------------------ JFR

    private void profileDetails(StringBuilder b, SyncBenchmark.Profile p) {
        b.append("## Where the time goes (JFR)\n\n");
        if (p.error() != null || p.orders() == null) {
            b.append("No profile: ").append(p.error() == null ? "the order sync did not run" : p.error()).append("\n\n");
            return;
        }
        b.append(String.format(Locale.ROOT, "Sync run %d ran with `SHOPLINK_JAVA_OPTS=\"%s -XX:StartFlightRecording=…,"
                        + "settings=profile\"`; the recording stays in `%s` until the next `bench/run`. The tables aggregate the "
                        + "`jdk.ExecutionSample` events of the order sync's time window (the same events `jfr print --events "
                        + "jdk.ExecutionSample` prints; JDK 17's `jfr` has no `view` command, `jfr view hot-methods` needs JDK 21), "
                        + "read with `jdk.jfr.consumer`. A sample is one Java thread caught running Java code (every 10 ms per "
                        + "thread; time blocked on I/O or locks does not show).\n\n",
                p.run(), o.heap, o.root.relativize(p.file())));
        JfrSummary.Summary s = p.orders();
        b.append(String.format(Locale.ROOT, "**Order sync**: %,d execution samples (all threads). Garbage collection: %d collections, "
                + "%.0f ms of pauses in total; largest heap after a GC %.0f MiB.\n\n", s.samples(), s.gcCount(), s.gcPauseMs(),
                s.maxHeapAfterGcMiB()));
        table(b, "By library (the first library frame from the top; JDK frames count for the library that called them)",
                "library", s.byLayer());
        table(b, "By thread", "thread", s.byThread());
        table(b, "Hot methods (self: top frame of the sample)", "method", s.selfTop());
        table(b, "Shoplink methods on the stack (inclusive)", "method", s.inclusiveShoplink());
        table(b, "Allocation (sampled bytes by class, `jdk.ObjectAllocationSample`)", "class", s.allocationTop(), "MB");
        if (p.products() != null) {
            JfrSummary.Summary ps = p.products();
            b.append(String.format(Locale.ROOT, "**Product sync**: %,d samples, %d GCs (%.0f ms of pauses).\n\n", ps.samples(),
                    ps.gcCount(), ps.gcPauseMs()));
            table(b, "Product sync by library", "library", ps.byLayer());
            table(b, "Product sync hot methods (self)", "method", ps.selfTop());
        }
    }

    private static void table(StringBuilder b, String title, String what, List<JfrSummary.Entry> entries) {
        table(b, title, what, entries, "samples");
    }

    private static void table(StringBuilder b, String title, String what, List<JfrSummary.Entry> entries, String unit) {
        b.append("*").append(title).append("*\n\n| ").append(what).append(" | ").append(unit).append(" | share |\n|---|---|---|\n");
        for (JfrSummary.Entry e : entries) {
            String count = unit.equals("MB") ? f0(e.count() / 1e6) : Long.toString(e.count());
            b.append("| `").append(e.name()).append("` | ").append(count).append(" | ").append(f1(e.share())).append(" % |\n");
        }
        b.append('\n');
    }

    // ------------------------------------------------------------------ how

    private void method(StringBuilder b) {
        b.append("## How to run\n\n```bash\nbench/run                 # builds (mvn -q -B package -DskipTests), runs everything, writes docs/BENCHMARKS.md\n"
                + "bench/run --no-build      # reuse the current build\nbench/run --quick         # a 2-minute smoke test of the harness (figures are not results)\n"
                + "bench/run --only sync,startup --runs 5   # a subset; bench/run --help lists every option\n```\n\n");
        String args = System.getenv().getOrDefault("BENCH_ARGS", "").strip();
        b.append("This run: `bench/run").append(args.isEmpty() ? "" : " " + args)
                .append("`. Scratch data (host logs, data folders, the JFR recording) is in `bench/target/work/`. ")
                .append("The benchmark is not part of `mvn verify`.\n");
    }
}
