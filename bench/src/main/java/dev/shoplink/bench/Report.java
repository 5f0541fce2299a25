package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f1;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Renders docs/BENCHMARKS.md from the results: the header and the machine here, then the summary
 * ({@link SummarySection}) and a section a benchmark that ran ({@link SyncSection}, {@link RateLimitSection},
 * {@link ManyShopsBench}, {@link ApiSection}, {@link StartupSection}, {@link ProfileSection}), the hand-written
 * analysis and how to run it.
 */
final class Report {

    /** What the benchmarks measured; null for one that did not run or finish. */
    record Results(SyncBenchmark.SyncBench sync, RateLimitBenchmark.RateLimitBench rateLimit, ApiBenchmark.ApiBench api,
                   ApiBenchmark.ApiBench apiPostgres, StartupBenchmark.StartupBench startup, SyncBenchmark.Profile profile) {
    }

    private final BenchOptions o;
    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

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

    String render(Results r) {
        StringBuilder b = new StringBuilder();
        header(b);
        machine(b);
        sections(b, r);
        if (findings != null && !findings.isBlank()) {
            b.append(findings.strip()).append("\n\n");
        }
        method(b);
        return b.toString();
    }

    /** The title, when and how the report was written, and the failures of this run. */
    private void header(StringBuilder b) {
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
    }

    private void machine(StringBuilder b) {
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
    }

    /** The summary, then a section a benchmark that ran, in the order of their numbers (7 after 4, where it runs). */
    private void sections(StringBuilder b, Results r) {
        new SummarySection(o).write(b, r, manyShops, linesInWindow);
        if (r.sync() != null) {
            new SyncSection(o).write(b, r.sync(), linesInWindow);
        }
        if (r.rateLimit() != null) {
            new RateLimitSection(o).write(b, r.rateLimit(), rateLimitConcurrent);
        }
        ManyShopsBench.details(b, manyShops);
        if (r.api() != null) {
            new ApiSection(o).write(b, r.api(), false);
        }
        if (r.apiPostgres() != null) {
            new ApiSection(o).write(b, r.apiPostgres(), true);
        }
        if (r.startup() != null) {
            StartupSection.write(b, r.startup());
        }
        if (r.profile() != null) {
            new ProfileSection(o).write(b, r.profile());
        }
    }

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