package dev.shoplink.bench;

import static dev.shoplink.bench.ReportCells.f0;
import static dev.shoplink.bench.ReportCells.f1;

import java.util.List;
import java.util.Locale;

/** The report's section on the JFR profile of a sync run: where the order (and product) sync spent its samples. */
final class ProfileSection {
    private final BenchOptions o;

    ProfileSection(BenchOptions o) {
        this.o = o;
    }

    void write(StringBuilder b, SyncBenchmark.Profile p) {
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
}
