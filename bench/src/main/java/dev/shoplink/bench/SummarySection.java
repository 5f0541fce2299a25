package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f0;
import static dev.shoplink.bench.ReportCells.f1;
import static dev.shoplink.bench.ReportCells.f2;
import static dev.shoplink.bench.ReportCells.mark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The report's summary: a row a measured figure of every benchmark that ran, with its goal and whether it was met. */
final class SummarySection {
    private final BenchOptions o;

    SummarySection(BenchOptions o) {
        this.o = o;
    }

    void write(StringBuilder b, Report.Results results, List<ManyShopsBench.Result> manyShops, long linesInWindow) {
        b.append("## Summary\n\nFigures are min / **median** / max over ").append(o.runs)
                .append(" runs unless a row says otherwise; times in seconds unless marked ms.\n\n");
        b.append("| # | benchmark | measured | baseline, same run | goal | result |\n|---|---|---|---|---|---|\n");
        if (results.sync() != null) {
            syncRows(b, results.sync(), linesInWindow);
        }
        if (results.rateLimit() != null) {
            rateLimitRow(b, results.rateLimit());
        }
        manyShops.forEach(r -> ManyShopsBench.summaryRow(b, r));
        for (ApiBenchmark.ApiBench store : Arrays.asList(results.api(), results.apiPostgres())) {
            if (store == null) {
                continue;
            }
            for (ApiBenchmark.LoadRuns q : store.queries()) {
                apiRow(b, store, q);
            }
        }
        if (results.startup() != null) {
            startupRows(b, results.startup());
        }
        if (results.api() != null) {
            b.append("| 6 | start-to-ready with ").append(String.format(Locale.ROOT, "%,d", results.api().seeded().orders()))
                    .append(" orders in the database, 1 run (ms) | ").append(f0(results.api().readyMs())).append(" | — | — | |\n");
        }
        b.append('\n');
    }

    private void syncRows(StringBuilder b, SyncBenchmark.SyncBench sync, long linesInWindow) {
        SyncSummary s = SyncSummary.of(sync);
        SyncBenchmark.SyncRun first = sync.runs().get(0);
        b.append("| 1 | download baseline: all ").append(first.baseProducts().pages()).append(" product pages + ")
                .append(first.baseOrders().pages()).append(" order pages (").append(f0(first.baseOrders().bytes() / 1e6))
                .append(" MB of orders), bare JDK HttpClient, no parsing | products ").append(s.baseProducts().map(x -> x / 1000).format(2))
                .append("; orders ").append(s.baseOrders().map(x -> x / 1000).format(2)).append(" | — | — | |\n");
        if (!o.only.contains("sync")) {
            return;
        }
        // the syncs ran on one store: the embedded H2 file, or a fresh database a run of the --postgres server
        String on = o.postgres == null ? " on H2" : " on PostgreSQL";
        b.append("| 2 | full product sync").append(on).append(", ").append(String.format(Locale.ROOT, "%,d", o.products)).append(" listings | ")
                .append(s.products().map(x -> x / 1000).format(2)).append(" | ").append(s.baseProducts().map(x -> x / 1000).format(2))
                .append(" | ≤ ").append(Benchmarks.GOAL_SYNC_RATIO).append("× the download | ratio ")
                .append(s.productRatio().format(2)).append("× ").append(mark(s.productRatio().median() <= Benchmarks.GOAL_SYNC_RATIO))
                .append(" |\n");
        b.append("| 2 | full order sync").append(on).append(", ").append(ordersLabel(sync, linesInWindow)).append(" | ")
                .append(s.orders().map(x -> x / 1000).format(2)).append(" | ").append(s.baseOrders().map(x -> x / 1000).format(2))
                .append(" | ≤ ").append(Benchmarks.GOAL_SYNC_RATIO).append("× the download | ratio ")
                .append(s.orderRatio().format(2)).append("× ").append(mark(s.orderRatio().median() <= Benchmarks.GOAL_SYNC_RATIO))
                .append(" |\n");
        // the goal is judged on the GC log's largest occupancy (what the heap really held); heapPeak sums the
        // pools' peaks, which never coincide, so it is only an upper bound and can exceed -Xmx
        b.append("| 2 | peak heap of the host over both syncs").append(on).append(" under `").append(o.heap).append("`: GC log, largest heap")
                .append(" before a GC (MiB) | ").append(SyncSummary.gcBefore(sync).format(0)).append("; after GC ")
                .append(SyncSummary.gcAfter(sync).format(0)).append("; `heapPeak` (upper bound) ").append(s.heapPeak().format(0))
                .append(" | — | ≤ ").append(f0(Benchmarks.GOAL_HEAP_MIB))
                .append(" MB and the sync succeeds | ").append(mark(SyncSummary.gcBefore(sync).max() <= Benchmarks.GOAL_HEAP_MIB && !s.failed()))
                .append(s.failed() ? " (a sync failed)" : "").append(" |\n");
        b.append("| 3 | incremental order sync").append(on).append(" after changing 1 % of the orders | ").append(s.incremental().map(x -> x / 1000).format(2))
                .append(" | full order sync ").append(s.orders().map(x -> x / 1000).format(2)).append(" | ≤ ")
                .append(f0(Benchmarks.GOAL_INCREMENTAL_SHARE)).append(" % of the full sync | ")
                .append(s.incrementalShare().format(1)).append(" % ")
                .append(mark(s.incrementalShare().median() <= Benchmarks.GOAL_INCREMENTAL_SHARE)).append(" |\n");
    }

    private static void rateLimitRow(StringBuilder b, RateLimitBenchmark.RateLimitBench rl) {
        double ratio = (double) rl.requests() / rl.minimum();
        boolean met = ratio <= Benchmarks.GOAL_REQUEST_RATIO && rl.maxTooManyPerWindow() <= 1 && rl.sync().succeeded();
        b.append("| 4 | sync at ShipStation's limit (").append(rl.limit()).append(" req/min), ")
                .append(rl.products()).append(" products + ").append(rl.ordersInWindow()).append(" orders, pages of ")
                .append(rl.pageCap()).append(" (1 run) | ").append(rl.requests()).append(" requests, ")
                .append(rl.tooMany()).append(" × 429, ").append(f0(rl.seconds())).append(" s | minimum ")
                .append(rl.minimum()).append(" requests | ≤ ").append(Benchmarks.GOAL_REQUEST_RATIO)
                .append("× the minimum, no 429 burst | ").append(f2(ratio)).append("× ").append(mark(met)).append(" |\n");
    }

    private void apiRow(StringBuilder b, ApiBenchmark.ApiBench store, ApiBenchmark.LoadRuns q) {
        double[] seq = q.sequential().sorted();
        String over = String.format(Locale.ROOT, " over %,d orders", store.seeded().orders());
        if (q.runs().isEmpty()) {
            b.append("| 5 | admin API, ").append(q.what()).append(over).append(", one request at a time (")
                    .append(seq.length).append(" requests, ms; too slow to offer ").append(f0(q.rate()))
                    .append(" req/s) | first ").append(f1(q.sequential().firstMs())).append("; p50 ")
                    .append(f1(Stats.percentile(seq, 50))).append("; max ").append(f1(seq[seq.length - 1]))
                    .append(" | — | ").append(ApiSection.goal(q) > 0 ? "p99 ≤ " + f0(ApiSection.goal(q)) + " ms at 1,000 req/s" : "—")
                    .append(" | ").append(ApiSection.goal(q) > 0 ? mark(false) : "").append(" |\n");
            return;
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
                .append(ApiSection.goal(q) > 0 ? "p99 ≤ " + f0(ApiSection.goal(q)) + " ms at 1,000 req/s" : "—").append(" | ")
                .append(ApiSection.goal(q) > 0 ? mark(p99.median() <= ApiSection.goal(q) && errors + notSent == 0 && q.rate() >= 1000) : "")
                .append(" |\n");
    }

    private static void startupRows(StringBuilder b, StartupBenchmark.StartupBench startup) {
        b.append("| 6 | start-to-ready (process start → `/health/ready` 200), bundled plugins, fresh data folder, ")
                .append(startup.fresh().size()).append(" runs (ms) | ").append(Stats.of(startup.fresh()).format(0))
                .append(" | — | ≤ ").append(f0(Benchmarks.GOAL_START_MS)).append(" ms | ")
                .append(mark(Stats.of(startup.fresh()).median() <= Benchmarks.GOAL_START_MS)).append(" |\n");
        b.append("| 6 | start-to-ready, restart on an existing data folder, ").append(startup.restart().size())
                .append(" runs (ms) | ").append(Stats.of(startup.restart()).format(0)).append(" | — | ≤ ")
                .append(f0(Benchmarks.GOAL_START_MS)).append(" ms | ")
                .append(mark(Stats.of(startup.restart()).median() <= Benchmarks.GOAL_START_MS)).append(" |\n");
    }

    private static String ordersLabel(SyncBenchmark.SyncBench sync, long linesInWindow) {
        SyncBenchmark.SyncRun r = sync.runs().get(0);
        long items = r.orders() == null ? -1 : r.orders().items();
        return String.format(Locale.ROOT, "%,d orders imported%s", items,
                linesInWindow > 0 ? String.format(Locale.ROOT, " (%,d lines)", linesInWindow) : "");
    }
}
