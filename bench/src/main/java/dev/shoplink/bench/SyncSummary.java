package dev.shoplink.bench;

import dev.shoplink.bench.SyncBenchmark.SyncBench;
import dev.shoplink.bench.SyncBenchmark.SyncRun;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of benchmarks 1-3 over their runs: the download baseline, the syncs' wall and server time, time a page,
 * the sync-to-download ratios, the heap peak and the incremental sync's share of the full order sync. A run whose
 * sync failed counts up to the failure; {@code failed} says one did.
 */
record SyncSummary(Stats baseProducts, Stats baseOrders, Stats products, Stats orders, Stats productsServer,
                   Stats ordersServer, Stats productPageMs, Stats orderPageMs, Stats baseProductPageMs,
                   Stats baseOrderPageMs, Stats productRatio, Stats orderRatio, Stats heapPeak, Stats incremental,
                   Stats incrementalServer, Stats incrementalShare, boolean failed) {

    static SyncSummary of(SyncBench b) {
        List<Double> bp = new ArrayList<>(), bo = new ArrayList<>(), p = new ArrayList<>(), or = new ArrayList<>(),
                ps = new ArrayList<>(), os = new ArrayList<>(), ppm = new ArrayList<>(), opm = new ArrayList<>(),
                bppm = new ArrayList<>(), bopm = new ArrayList<>(), pr = new ArrayList<>(), orr = new ArrayList<>(),
                heap = new ArrayList<>(), inc = new ArrayList<>(), incs = new ArrayList<>(), share = new ArrayList<>();
        boolean failed = false;
        for (SyncRun r : b.runs()) {
            bp.add(r.baseProducts().millis());
            bo.add(r.baseOrders().millis());
            bppm.add(r.baseProducts().millis() / r.baseProducts().pages());
            bopm.add(r.baseOrders().millis() / r.baseOrders().pages());
            if (r.products() == null || !r.products().succeeded()) {
                failed = true;
                continue;
            }
            p.add(r.products().wallMs());
            ps.add(r.products().serverMs());
            ppm.add(r.products().wallMs() / Math.max(1, r.products().pages()));
            pr.add(r.products().wallMs() / r.baseProducts().millis());
            heap.add(r.heapPeakMiB());
            if (r.orders() == null || !r.orders().succeeded()) {
                failed = true;
                continue;
            }
            or.add(r.orders().wallMs());
            os.add(r.orders().serverMs());
            opm.add(r.orders().wallMs() / Math.max(1, r.orders().pages()));
            orr.add(r.orders().wallMs() / r.baseOrders().millis());
            if (r.incremental() == null || !r.incremental().succeeded()) {
                failed = true;
                continue;
            }
            inc.add(r.incremental().wallMs());
            incs.add(r.incremental().serverMs());
            share.add(100.0 * r.incremental().wallMs() / r.orders().wallMs());
        }
        return new SyncSummary(Stats.of(bp), Stats.of(bo), Stats.of(p), Stats.of(or), Stats.of(ps), Stats.of(os),
                Stats.of(ppm), Stats.of(opm), Stats.of(bppm), Stats.of(bopm), Stats.of(pr), Stats.of(orr), Stats.of(heap),
                Stats.of(inc), Stats.of(incs), Stats.of(share), failed);
    }

    /** The GC logs' largest heap before a collection, over the runs that logged one: the real peak occupancy. */
    static Stats gcBefore(SyncBench sync) {
        return Stats.of(sync.runs().stream().filter(r -> r.gc() != null && r.gc().collections() > 0)
                .map(r -> r.gc().maxBeforeMiB()).toList());
    }

    /** The GC logs' largest heap after a collection: an upper bound of what was live. */
    static Stats gcAfter(SyncBench sync) {
        return Stats.of(sync.runs().stream().filter(r -> r.gc() != null && r.gc().collections() > 0)
                .map(r -> r.gc().maxAfterMiB()).toList());
    }
}
