package dev.shoplink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.simulator.RateWindow;
import dev.shoplink.simulator.ShopSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 7, many shops: {@code shops} ShipStation integrations, each on its own simulator account (its own API key
 * and so its own rate-limit budget), all synced at once ({@code all}: products, then orders) on the host's default
 * sync worker pool. What counts is whether each run keeps its shop's budget used: from the simulator's record of
 * each key's rate-limit windows, a shop's achieved rate is the requests its closed windows allowed over the time from
 * its first window's start to its last window's start, as a share of the limit (limit per window length). A run that
 * fills every window and sends its next request the moment the window ends scores 100 %; a wait that ends late, a
 * task picked up late, or a window the host could not fill (too slow to send its requests) lowers it.
 */
final class ManyShopsBench {

    static final double GOAL_SHARE = 95.0;

    /** One store's run. {@code shares} and {@code lateMs} are per shop; {@code lateMs} the mean lateness of a new window. */
    record Result(String store, int shops, int limit, long windowMs, int pageCap, int products, int ordersInWindow,
                  List<Double> shares, List<Double> lateMs, double maxLateMs, int windows, int underfilled,
                  long requests, long tooMany, int succeeded, double seconds, double syncSecondsMedian, String loadBefore,
                  String loadAfter, List<String> failures) {
        boolean met() {
            return succeeded == shops && !shares.isEmpty() && Stats.of(shares).min() >= GOAL_SHARE;
        }
    }

    private ManyShopsBench() {
    }

    /** Runs the benchmark on H2 and, with {@code --postgres}, on PostgreSQL; one run each. */
    static List<Result> run(BenchOptions o) {
        Bench.log("== 7: %d shops at once, %d requests per %,d ms each, pages of %d", o.manyShops,
                o.manyLimit, o.manyWindowMs, o.manyPageCap);
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        List<Result> results = new ArrayList<>();
        try (ShopSimulator shop = ShopSimulator.builder().seed(13).products(o.manyProducts).orders(o.manyOrders)
                .orderDays(o.orderDays).pageSizeCap(o.manyPageCap).rateLimit(o.manyLimit)
                .rateWindow(Duration.ofMillis(o.manyWindowMs)).accounts(o.manyShops).start()) {
            int inWindow = ShopQueries.countOrders(shop, syncStart);
            results.add(runOnce(o, shop, "H2", withThreads(o, Map.of()), syncStart, inWindow));
            if (o.postgres != null) {
                results.add(runOnce(o, shop, "PostgreSQL", withThreads(o, PostgresDatabases.fresh(o, "bench_many")),
                        syncStart, inWindow));
            }
        }
        return results;
    }

    /** The store's settings plus {@code --many-sync-threads}, when given (the pool size is the one setting the goal allows). */
    private static Map<String, String> withThreads(BenchOptions o, Map<String, String> env) {
        if (o.manySyncThreads == null) {
            return env;
        }
        Map<String, String> out = new LinkedHashMap<>(env);
        out.put("SHOPLINK_SYNC_THREADS", Integer.toString(o.manySyncThreads));
        return out;
    }

    private static Result runOnce(BenchOptions o, ShopSimulator shop, String store, Map<String, String> env,
                                  LocalDate syncStart, int inWindow) {
        shop.resetRateLimit();
        shop.resetStats();
        String loadBefore = Machine.loadAverage();
        Path dir = o.work.resolve("many-" + store.toLowerCase(Locale.ROOT));
        Path data = Bench.freshDir(dir.resolve("data"));
        List<String> failures = new ArrayList<>();
        try (Host host = Host.start(o.dist, data, o.heap, shop.baseUrl(), dir.resolve("host.log"), env)) {
            host.awaitReady(Duration.ofSeconds(120));
            Api api = new Api(host);
            List<Long> integrations = createIntegrations(o, shop, api, syncStart);
            Instant t0 = Instant.now();
            List<Long> syncs = new ArrayList<>();
            for (long integration : integrations) {
                syncs.add(api.startSync(integration, "all"));
            }
            JsonNode[] finished = awaitFinished(api, syncs, pollDeadline(o, inWindow));
            SyncOutcomes outcomes = SyncOutcomes.of(api, syncs, finished, t0, failures);
            double seconds = Duration.between(t0, outcomes.last()).toMillis() / 1000.0;
            WindowUse use = WindowUse.of(o, shop);
            Result r = new Result(store, o.manyShops, o.manyLimit, o.manyWindowMs, o.manyPageCap,
                    o.manyProducts, inWindow, use.shares(), use.late(), use.maxLate(), use.windows(), use.underfilled(),
                    shop.requestCount(), shop.tooManyRequestsCount(), outcomes.succeeded(), seconds,
                    Stats.of(outcomes.syncSeconds()).median(), loadBefore, Machine.loadAverage(), failures);
            Bench.log("many shops on %s: %d of %d succeeded in %.0f s; share of the limit %s %%; new windows late by %s ms "
                            + "(max %.0f); %d of %d closed windows under-filled; %d requests, %d x 429", store,
                    outcomes.succeeded(), o.manyShops, seconds, Stats.of(use.shares()).format(1),
                    Stats.of(use.late()).format(0), use.maxLate(), use.underfilled(), use.windows() - o.manyShops,
                    shop.requestCount(), shop.tooManyRequestsCount());
            return r;
        }
    }

    /** One integration per simulator account, {@code Shop 1} .. {@code Shop n}, in that order. */
    private static List<Long> createIntegrations(BenchOptions o, ShopSimulator shop, Api api, LocalDate syncStart) {
        List<Long> integrations = new ArrayList<>();
        for (int i = 1; i <= o.manyShops; i++) {
            integrations.add(api.createIntegration("Shop " + i, "https://many-" + i + ".example.com", shop.apiKey(i),
                    shop.apiSecret(i), syncStart));
        }
        return integrations;
    }

    /**
     * How long to poll, from now: three times the windows one shop's requests need at the limit (1 credential check,
     * its product pages and its order pages), plus 3 windows and 2 minutes.
     */
    private static long pollDeadline(BenchOptions o, int inWindow) {
        long requestsPerShop = 1 + (o.manyProducts + o.manyPageCap - 1) / o.manyPageCap + (inWindow + o.manyPageCap - 1)
                / o.manyPageCap;
        return System.nanoTime() + Duration.ofMillis(o.manyWindowMs).multipliedBy(requestsPerShop * 3
                / o.manyLimit + 3).plusMinutes(2).toNanos();
    }

    /**
     * Polls one run every 100 ms, round robin, until all have ended or the deadline passed: the host's own
     * startedAt/finishedAt give the times. The run of each that ended (SUCCEEDED or FAILED), null for one still open.
     */
    private static JsonNode[] awaitFinished(Api api, List<Long> syncs, long deadline) {
        JsonNode[] finished = new JsonNode[syncs.size()];
        int open = syncs.size();
        int next = 0;
        while (open > 0 && System.nanoTime() < deadline) {
            while (finished[next] != null) {
                next = (next + 1) % syncs.size();
            }
            JsonNode run = api.syncRun(syncs.get(next));
            String state = run.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                finished[next] = run;
                open--;
            }
            next = (next + 1) % syncs.size();
            Bench.sleep(100);
        }
        return finished;
    }

    /** The runs that succeeded, how long each took, and when the last one ended ({@code t0} if none did). */
    private record SyncOutcomes(int succeeded, Instant last, List<Double> syncSeconds) {
        /** A run still open is read once more; one that did not succeed adds a line to {@code failures}. */
        static SyncOutcomes of(Api api, List<Long> syncs, JsonNode[] finished, Instant t0, List<String> failures) {
            int succeeded = 0;
            Instant last = t0;
            List<Double> syncSeconds = new ArrayList<>();
            for (int i = 0; i < finished.length; i++) {
                JsonNode run = finished[i] != null ? finished[i] : api.syncRun(syncs.get(i));
                if (!run.path("state").asText().equals("SUCCEEDED")) {
                    failures.add("shop " + (i + 1) + ": " + run.path("state").asText() + " " + run.path("error").asText(""));
                    continue;
                }
                succeeded++;
                Instant started = Instant.parse(run.get("startedAt").asText());
                Instant ended = Instant.parse(run.get("finishedAt").asText());
                syncSeconds.add(Duration.between(started, ended).toMillis() / 1000.0);
                if (ended.isAfter(last)) {
                    last = ended;
                }
            }
            return new SyncOutcomes(succeeded, last, syncSeconds);
        }
    }

    /**
     * How each shop used its budget, from the simulator's record of its key's windows: per shop with two windows or
     * more, its share of the limit and how late (ms) a new window opened on average; over all shops, the latest
     * window, the windows recorded and the closed ones under-filled. The last window of a shop is still open, so only
     * the windows before it count.
     */
    private record WindowUse(List<Double> shares, List<Double> late, double maxLate, int windows, int underfilled) {
        static WindowUse of(BenchOptions o, ShopSimulator shop) {
            List<Double> shares = new ArrayList<>();
            List<Double> late = new ArrayList<>();
            double maxLate = 0;
            int windows = 0;
            int underfilled = 0;
            for (int i = 1; i <= o.manyShops; i++) {
                List<RateWindow> w = shop.rateWindows(shop.apiKey(i));
                windows += w.size();
                if (w.size() < 2) {
                    continue;
                }
                long used = 0;
                double lateSum = 0;
                for (int k = 0; k < w.size() - 1; k++) {
                    used += w.get(k).used();
                    underfilled += w.get(k).used() < o.manyLimit ? 1 : 0;
                    double l = Duration.between(w.get(k).start(), w.get(k + 1).start()).toMillis() - o.manyWindowMs;
                    lateSum += l;
                    maxLate = Math.max(maxLate, l);
                }
                double span = Duration.between(w.get(0).start(), w.get(w.size() - 1).start()).toMillis();
                double achievedPerMs = used / span;
                double limitPerMs = (double) o.manyLimit / o.manyWindowMs;
                shares.add(100 * achievedPerMs / limitPerMs);
                late.add(lateSum / (w.size() - 1));
            }
            return new WindowUse(shares, late, maxLate, windows, underfilled);
        }
    }

    /** The summary table's row of one store. */
    static void summaryRow(StringBuilder b, Result r) {
        Stats s = Stats.of(r.shares());
        b.append("| 7 | ").append(r.shops()).append(" shops synced at once on ").append(r.store()).append(", each limited to ")
                .append(r.limit()).append(" requests per ").append(Stats.fmt(r.windowMs() / 1000.0, 0))
                .append(" s, pages of ").append(r.pageCap()).append(" (1 run) | achieved request rate, share of each shop's "
                        + "limit: ").append(s.format(1)).append(" %; all done in ").append(Stats.fmt(r.seconds(), 0))
                .append(" s | — | ≥ ").append(Stats.fmt(GOAL_SHARE, 0)).append(" % for every shop | ")
                .append(r.met() ? "✅ met" : "❌ missed").append(" |\n");
    }

    static void details(StringBuilder b, List<Result> results) {
        if (results.isEmpty()) {
            return;
        }
        Result first = results.get(0);
        b.append("## 7. Many shops at their rate limits (one run per store)\n\n");
        b.append(String.format(Locale.ROOT, "%d ShipStation integrations, each on its own simulator account (API key), so "
                        + "each has its own budget of %d requests per window of %,d ms (ShipStation allows 40 a minute: "
                        + "50 shops at 40 pages of 500 orders a minute each would ask this 2-core machine for about 17,000 "
                        + "orders a second, several times what it writes, so budget and pages are scaled down until the "
                        + "budget, not the machine, should bound each shop), pages are capped at %d items, so that each shop "
                        + "needs several windows "
                        + "(%,d products and %,d orders in the sync window: 1 credential check + %d product pages + %d order "
                        + "pages) and the run takes a few minutes. The same shop data behind every key. All %d `all` syncs "
                        + "are started at once, on the host's default sync worker pool (no setting changed). A shop's achieved "
                        + "rate is read from the simulator's record of its key's windows: the requests its closed windows "
                        + "allowed, over the time from its first window's start to its last window's start, as a share of "
                        + "the limit. 100 %% = every window filled, and the next request sent the moment a window ended "
                        + "(the `X-Rate-Limit-Reset` header is in whole seconds, rounded up, so a perfect client is up to "
                        + "1 s late at every window: %.1f %% is the best a client that trusts the header can score here).\n\n",
                first.shops(), first.limit(), first.windowMs(), first.pageCap(), first.products(), first.ordersInWindow(),
                (first.products() + first.pageCap() - 1) / first.pageCap(),
                (first.ordersInWindow() + first.pageCap() - 1) / first.pageCap(), first.shops(),
                100.0 * first.windowMs() / (first.windowMs() + 500)));
        b.append("| store | load average before; after | syncs succeeded | all done after | one shop's sync, median | share "
                + "of the limit, min / **median** / max | a new window opened late by (mean per shop, ms) | latest "
                + "window (ms) | closed windows not filled | requests | 429 |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            b.append("| ").append(r.store()).append(" | ").append(r.loadBefore()).append("; ").append(r.loadAfter())
                    .append(" | ").append(r.succeeded()).append(" of ").append(r.shops()).append(" | ")
                    .append(Stats.fmt(r.seconds(), 0)).append(" s | ").append(Stats.fmt(r.syncSecondsMedian(), 0))
                    .append(" s | ").append(Stats.of(r.shares()).format(1)).append(" % | ")
                    .append(Stats.of(r.lateMs()).format(0)).append(" | ").append(Stats.fmt(r.maxLateMs(), 0)).append(" | ")
                    .append(r.underfilled()).append(" of ").append(r.windows() - r.shops()).append(" | ")
                    .append(r.requests()).append(" | ").append(r.tooMany()).append(" |\n");
            r.failures().forEach(f -> b.append("\n> ").append(f).append('\n'));
        }
        b.append('\n');
    }
}
