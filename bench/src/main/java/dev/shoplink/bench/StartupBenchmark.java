package dev.shoplink.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 6: process start to the first 200 of /health/ready, on a fresh data folder (and database) and on a
 * restart, on H2 and (with --postgres) PostgreSQL; with --startup-baseline another distribution interleaved with
 * this build, so that both see the same load.
 */
final class StartupBenchmark {

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

    private final BenchOptions o;
    private StartupBench result;

    StartupBenchmark(BenchOptions o) {
        this.o = o;
    }

    /** The runs, or null when the benchmark did not finish. */
    StartupBench result() {
        return result;
    }

    void run() {
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
                series.addAll(series(dists, store, kind));
            }
        }
        result = new StartupBench(thisBuildOnH2(series, "fresh").runs(), thisBuildOnH2(series, "restart").runs(), series,
                loadBefore, Machine.loadAverage());
    }

    /** The runs of every distribution on {@code store}, interleaved: the distributions compared see the same load. */
    private List<StartupSeries> series(Map<String, Path> dists, String store, String kind) {
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        dists.keySet().forEach(d -> runs.put(d, new ArrayList<>()));
        for (int i = 1; i <= o.startupRuns; i++) {
            for (Map.Entry<String, Path> d : dists.entrySet()) {
                runs.get(d.getKey()).add(startToReady(d.getKey(), d.getValue(), store, kind, i));
            }
        }
        List<StartupSeries> series = new ArrayList<>();
        runs.forEach((d, r) -> {
            Bench.log("start-to-ready, %s, %s, %s: %s ms", d, store, kind, Stats.of(r).format(0));
            series.add(new StartupSeries(d, store, kind, r));
        });
        return series;
    }

    private static StartupSeries thisBuildOnH2(List<StartupSeries> series, String kind) {
        return series.stream().filter(x -> x.dist().equals("this build") && x.store().equals("H2") && x.kind().equals(kind))
                .findFirst().orElseThrow();
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
            env = kind.equals("fresh") ? PostgresDatabases.fresh(o, db) : PostgresDatabases.env(o, db);
        }
        try (Host host = Host.start(dist, data, o.heap, null, dir.resolve(tag + "-" + kind + "-" + i + ".log"), env)) {
            return host.awaitReady(Duration.ofSeconds(180));
        }
    }
}
