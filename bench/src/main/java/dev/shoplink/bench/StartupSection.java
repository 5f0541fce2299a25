package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f0;

import java.util.List;

/** The report's section on benchmark 6: a row a series of start-to-ready runs. */
final class StartupSection {
    private StartupSection() {
    }

    static void write(StringBuilder b, StartupBenchmark.StartupBench st) {
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
}
