package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f0;
import static dev.shoplink.bench.ReportCells.f1;
import static dev.shoplink.bench.ReportCells.f2;
import static dev.shoplink.bench.ReportCells.gc;
import static dev.shoplink.bench.ReportCells.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's section on benchmarks 1-3: the shop, what a run does, a row a run, the figures over the runs. */
final class SyncSection {
    private final BenchOptions o;

    SyncSection(BenchOptions o) {
        this.o = o;
    }

    void write(StringBuilder b, SyncBenchmark.SyncBench sync, long linesInWindow) {
        b.append("## 1–3. Download baseline, full syncs, incremental sync").append(o.postgres == null ? " (H2)" : " (PostgreSQL)")
                .append("\n\n");
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
        runs(b, sync);
        figures(b, sync);
    }

    /** A row a run; a sync that did not run leaves the rest of its row empty. */
    private static void runs(StringBuilder b, SyncBenchmark.SyncBench sync) {
        b.append("| run | download products | product sync | ratio | ms/page (sync vs download) | download orders | order sync | ratio | ms/page (sync vs download) | heapPeak MiB | GC log | changed | incremental | share of full |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SyncBenchmark.SyncRun r : sync.runs()) {
            b.append("| ").append(r.run()).append(r.jfr() ? " (JFR)" : "").append(" | ").append(seconds(r.baseProducts().millis())).append(" | ");
            if (r.products() == null) {
                b.append("— | | | ").append(seconds(r.baseOrders().millis())).append(" | — | | | | | | | |\n");
                continue;
            }
            b.append(syncCell(r.products())).append(" | ").append(f2(r.products().wallMs() / r.baseProducts().millis())).append("× | ")
                    .append(f1(r.products().wallMs() / Math.max(1, r.products().pages()))).append(" vs ")
                    .append(f1(r.baseProducts().millis() / r.baseProducts().pages())).append(" | ")
                    .append(seconds(r.baseOrders().millis())).append(" | ");
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
    }

    /** The figures over the runs, the order sync's pace and what heapPeak and the GC log measure. */
    private static void figures(StringBuilder b, SyncBenchmark.SyncBench sync) {
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

    private static String syncCell(Api.SyncResult r) {
        if (!r.succeeded()) {
            return "**" + r.state() + "** " + (r.error() == null ? "" : r.error().replace("|", "/"));
        }
        return seconds(r.wallMs()) + " (" + seconds(r.serverMs()) + ")";
    }
}
