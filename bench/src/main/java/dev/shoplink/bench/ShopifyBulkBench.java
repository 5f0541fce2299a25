package dev.shoplink.bench;

import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A Shopify first sync through the real distribution against the embedded simulator: products, then
 * orders, for one or several shop sizes, in each of the given modes: {@code bulk} (every first read
 * exported in bulk, {@code -Dshoplink.shopify.bulkThreshold=1}), {@code paged}
 * ({@code -Dshoplink.shopify.bulkThreshold=off}, unlimited bucket), {@code paged-standard} (paged, Standard
 * bucket) and {@code default} (the connector's own threshold, Standard bucket). Reports wall time, pages,
 * items and the GraphQL points the simulator charged for the order sync, the time those points alone
 * take at Shopify's Standard restore rate (100 a second) and, from both, the order sync's time under the
 * Standard plan's limit. The bulk run keeps Shopify's Standard bucket (2,000 points, 100 a second); the
 * paged run gets an unlimited bucket, so that its time is the machine's, and its time on a Standard plan
 * is at least {@code max(wall, (points - 2,000) / 100 s)} (the full bucket pays the first 2,000 points; a
 * lower bound, as Shopify also reserves each page's requested cost); mode {@code paged-standard} pages
 * against the Standard bucket and so measures that time directly (slow: about 2 minutes per 1,000 orders). {@code --orders} takes a list of sizes (one shop each,
 * used to find the bulk threshold's crossover); {@code --bulk-delay} keeps each bulk operation
 * {@code CREATED} that long (Shopify's queue time, which the simulator otherwise does not have);
 * {@code --order-timeout} stops waiting for an order sync (default 60 minutes) and reports what it had
 * done by then (state {@code TIMEOUT(RUNNING)}: pages, orders and points so far, for an extrapolation).
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" dev.shoplink.bench.ShopifyBulkBench \
 *     [--root .] [--dist DIR] [--orders 100000|200,500,1000] [--products 2000] [--modes bulk,paged]
 *     [--bulk-delay SECONDS] [--order-timeout MINUTES] [--out FILE]   (--help lists them; picocli parses them)
 * </pre>
 */
public final class ShopifyBulkBench {
    /** Shopify's Standard plan: bucket and restore rate (points, points a second). */
    static final double STANDARD_BUCKET = 2_000;
    static final double STANDARD_RATE = 100;

    record Result(int shopOrders, String mode, Api.SyncResult products, Api.SyncResult orders, long points, long productPoints) {
        /** Seconds the order sync's points need at the Standard restore rate. */
        double refillSeconds() {
            return points / STANDARD_RATE;
        }

        /**
         * The order sync's time under the Standard plan's limit: measured when the run had the Standard
         * bucket (bulk, paged-standard), else the machine time or the refill the points beyond a full bucket need.
         */
        double standardSeconds() {
            double wall = orders.wallMs() / 1000;
            if (!mode.equals("paged")) {
                return wall;
            }
            return Math.max(wall, Math.max(0, points - STANDARD_BUCKET) / STANDARD_RATE);
        }
    }

    private ShopifyBulkBench() {
    }

    /** The command line; see the class comment. */
    @Command(name = "ShopifyBulkBench", sortOptions = false, usageHelpWidth = 120,
            customSynopsis = "java -cp \"bench/target/classes:bench/target/lib/*\" dev.shoplink.bench.ShopifyBulkBench [options]")
    static final class Args {
        @Option(names = "--root", paramLabel = "DIR", description = "the Shoplink checkout (default .)")
        Path root = Path.of(".");
        @Option(names = "--dist", paramLabel = "DIR", description = "distribution folder (default <root>/distribution/target/shoplink)")
        Path dist;
        @Option(names = "--orders", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",",
                description = "shop sizes in orders, one shop each, e.g. 200,500,1000 (default 100000)")
        List<Integer> sizes = new ArrayList<>(List.of(100_000));
        @Option(names = "--products", paramLabel = "N", description = "products of every shop (default 2000)")
        int products = 2_000;
        @Option(names = "--modes", paramLabel = "LIST", split = ",",
                description = "bulk, paged, paged-standard, default (default bulk,paged)")
        List<String> modes = new ArrayList<>(List.of("bulk", "paged"));
        @Option(names = "--bulk-delay", paramLabel = "SECONDS", description = "a bulk operation stays CREATED that long (default 0)")
        double bulkDelaySeconds;
        @Option(names = "--order-timeout", paramLabel = "MINUTES", description = "stop waiting for an order sync (default 60)")
        double orderTimeoutMinutes = 60;
        @Option(names = "--out", paramLabel = "FILE", description = "report (default <root>/bench/target/shopify-bulk.md)")
        Path out;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args();
        CommandLine parser = new CommandLine(a).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false);
        try {
            parser.parseArgs(args);
        } catch (ParameterException e) {
            System.err.println("shopify-bulk-bench: " + e.getMessage());
            parser.usage(System.err, CommandLine.Help.Ansi.OFF);
            System.exit(2);
        }
        if (parser.isUsageHelpRequested()) {
            parser.usage(System.out, CommandLine.Help.Ansi.OFF);
            return;
        }
        Path root = a.root;
        Path dist = a.dist;
        List<Integer> sizes = a.sizes;
        int products = a.products;
        List<String> modes = a.modes;
        Duration bulkDelay = Duration.ofMillis(Math.round(a.bulkDelaySeconds * 1000));
        Duration orderTimeout = Duration.ofSeconds(Math.round(a.orderTimeoutMinutes * 60));
        Path out = a.out;
        root = root.toAbsolutePath().normalize();
        if (dist == null) {
            dist = root.resolve("distribution/target/shoplink");
        }
        if (out == null) {
            out = root.resolve("bench/target/shopify-bulk.md");
        }
        Path work = root.resolve("bench/target/work/shopify-bulk");
        String loadBefore = Machine.loadAverage();
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        Instant shopNow = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            try (ShopSimulator shop = ShopSimulator.builder().seed(42).products(products).orders(size).orderDays(30).now(shopNow)
                    .noRateLimit().start()) {
                shop.setShopifyBulkDelay(bulkDelay);
                for (String mode : modes) {
                    results.add(run(shop, mode, dist, work.resolve(size + "-" + mode), syncStart, orderTimeout));
                    // kept after each run, so that a stopped sweep keeps what it measured
                    writeReport(out, report(results, products, syncStart, bulkDelay, started, loadBefore, Machine.loadAverage(), root));
                }
            }
        }
        System.out.println(Files.readString(out));
    }

    private static Result run(ShopSimulator shop, String mode, Path dist, Path dir, LocalDate syncStart, Duration orderTimeout)
            throws IOException {
        String threshold = switch (mode) {
            case "bulk" -> "1"; // every first read is exported in bulk, however small
            case "paged", "paged-standard" -> "off";
            case "default" -> null; // the connector's own threshold
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (bulk, paged, paged-standard, default)");
        };
        if (mode.equals("paged")) {
            shop.setShopifyBucket(1e12, 1e12);
        } else {
            shop.setShopifyBucket(STANDARD_BUCKET, STANDARD_RATE);
        }
        Path data = Bench.freshDir(dir.resolve("data"));
        String opts = "-Xmx256m" + (threshold == null ? "" : " -Dshoplink.shopify.bulkThreshold=" + threshold);
        try (Host host = Host.startWithEnv(dist, data, opts, Map.of("SHOPLINK_SHOPIFY_BASE_URL", shop.baseUrl()),
                dir.resolve("host.log"))) {
            host.awaitReady(Duration.ofSeconds(120));
            Api api = new Api(host);
            long integration = api.createShopifyIntegration("Bench Shopify", shop.shopifyDomain(), shop.shopifyAccessToken(),
                    syncStart);
            long p0 = shop.shopifyPointsCharged();
            Api.SyncResult p = api.sync(integration, "products", Duration.ofMinutes(20));
            Bench.log("%d orders, %s: product sync %s in %.0f ms (%d pages, %d items)%s", shop.orderCount(), mode, p.state(), p.wallMs(),
                    p.pages(), p.items(), p.error() == null ? "" : ": " + p.error());
            long o0 = shop.shopifyPointsCharged();
            Api.SyncResult o = api.sync(integration, "orders", orderTimeout);
            long points = shop.shopifyPointsCharged() - o0;
            Bench.log("%d orders, %s: order sync %s in %.0f ms (%d pages, %d items, %d points)%s", shop.orderCount(), mode, o.state(),
                    o.wallMs(), o.pages(), o.items(), points, o.error() == null ? "" : ": " + o.error());
            return new Result(shop.orderCount(), mode, p, o, points, o0 - p0);
        }
    }

    private static void writeReport(Path out, String report) throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private static String report(List<Result> results, int products, LocalDate syncStart, Duration bulkDelay, String started,
            String loadBefore, String loadAfter, Path root) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Machine.cpu()).append(", ").append(Machine.cores()).append(" cores, ").append(Machine.memory())
                .append("; ").append(Machine.jdk()).append("; ").append(Machine.os()).append(". Started ").append(started)
                .append(", written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("; commit ").append(Machine.git(root))
                .append(". Load average (1 / 5 / 15 min) before: ").append(loadBefore).append(", at this row: ").append(loadAfter)
                .append(".\n\n");
        md.append("Shop: simulator seed 42, ").append(products).append(" products, orders over 30 days; sync start ").append(syncStart)
                .append("; bulk operations queued ").append(bulkDelay.toMillis() / 1000.0)
                .append(" s. Host: the distribution, `-Xmx256m`, embedded H2.\n\n");
        md.append("| orders in shop | mode | orders imported | order sync (s) | pages | GraphQL points | points per 1,000 orders"
                + " | points at 100/s (s) | under Standard limit (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            double per1000 = r.orders().items() == 0 ? Double.NaN : 1000.0 * r.points() / r.orders().items();
            md.append(String.format("| %,d | %s | %,d | %.1f | %d | %,d | %,.1f | %,.1f | %s%,.1f |%n", r.shopOrders(), r.mode(),
                    r.orders().items(), r.orders().wallMs() / 1000, r.orders().pages(), r.points(), per1000, r.refillSeconds(),
                    r.mode().equals("paged") ? "≥ " : "", r.standardSeconds()));
        }
        for (Result r : results) {
            if (!r.orders().succeeded() || !r.products().succeeded()) {
                md.append("\n").append(r.shopOrders()).append(" orders, ").append(r.mode()).append(" failed: ")
                        .append(r.products().error()).append(" / ").append(r.orders().error()).append("\n");
            }
        }
        return md.toString();
    }
}
