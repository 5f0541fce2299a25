package dev.shoplink.bench;

/** How the report writes a figure in its tables and sentences: fixed decimals, seconds from milliseconds, goal marks, a GC log. */
final class ReportCells {
    private ReportCells() {
    }

    static String f0(double v) {
        return Stats.fmt(v, 0);
    }

    static String f1(double v) {
        return Stats.fmt(v, 1);
    }

    static String f2(double v) {
        return Stats.fmt(v, 2);
    }

    static String mark(boolean met) {
        return met ? "✅ met" : "❌ missed";
    }

    /** Milliseconds as seconds with two decimals. */
    static String seconds(double ms) {
        return Stats.fmt(ms / 1000, 2);
    }

    static String gc(GcLog g) {
        if (g == null || g.collections() == 0) {
            return "—";
        }
        return "before GC max " + f0(g.maxBeforeMiB()) + " MiB, after GC max " + f0(g.maxAfterMiB()) + " MiB (" + g.collections() + " GCs"
                + (g.fullCollections() > 0 ? ", " + g.fullCollections() + " full" : "") + ", " + f0(g.pauseMs()) + " ms paused)";
    }
}
