package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f0;
import static dev.shoplink.bench.ReportCells.f1;
import static dev.shoplink.bench.ReportCells.f2;

import java.util.Locale;
import java.util.Map;

/** The report's section on benchmark 4: the shop's limit, the requests against the minimum, an extrapolation. */
final class RateLimitSection {
    private final BenchOptions o;

    RateLimitSection(BenchOptions o) {
        this.o = o;
    }

    void write(StringBuilder b, RateLimitBenchmark.RateLimitBench rl, boolean rateLimitConcurrent) {
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
}
