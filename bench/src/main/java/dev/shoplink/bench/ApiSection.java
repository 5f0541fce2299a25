package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f0;
import static dev.shoplink.bench.ReportCells.f1;
import static dev.shoplink.bench.ReportCells.f2;
import static dev.shoplink.bench.ReportCells.gc;

import java.util.Locale;

/** The report's section on benchmark 5, once a store: the seeding, the method of the load, a table a query. */
final class ApiSection {
    private final BenchOptions o;

    ApiSection(BenchOptions o) {
        this.o = o;
    }

    /** Issue 13's goals: p99 of 20 ms for any of the first pages, deep pages and filters, 100 ms for the text search. */
    static double goal(ApiBenchmark.LoadRuns q) {
        return q.name().startsWith("text search") ? Benchmarks.GOAL_SEARCH_P99_MS : Benchmarks.GOAL_P99_MS;
    }

    void write(StringBuilder b, ApiBenchmark.ApiBench api, boolean pg) {
        OrderSeeder.Seeded sd = api.seeded();
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
            query(b, q);
        }
        b.append(String.format(Locale.ROOT, "Host `heapPeak` after the load: %.0f MiB. GC log of this host (`-Xlog:gc`) over "
                + "the whole benchmark: %s.\n\n", api.heapPeakMiB(), gc(api.gc())));
    }

    /** One query: its one-at-a-time figures, then a row a measured run (or why there is none). */
    private void query(StringBuilder b, ApiBenchmark.LoadRuns q) {
        double[] seq = q.sequential().sorted();
        b.append("### ").append(q.name()).append("\n\n");
        b.append(String.format(Locale.ROOT, "%s matches %,d orders. One request at a time: first %.1f ms, then p50 %.2f ms, "
                        + "p99 %.2f ms, max %.1f ms (%d requests).", q.what(), q.sequential().total(), q.sequential().firstMs(),
                Stats.percentile(seq, 50), Stats.percentile(seq, 99), seq[seq.length - 1], seq.length));
        if ("slow".equals(q.skipped())) {
            b.append(String.format(Locale.ROOT, " **Not offered %.0f req/s**: one request at a time already takes more than "
                    + "%.0f ms.\n\n", q.rate(), ApiBenchmark.SLOW_QUERY_MS));
            return;
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
}
