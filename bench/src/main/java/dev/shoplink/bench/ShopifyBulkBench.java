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

/**
 * A Shopify first sync through the real distribution against the embedded simulator: products, then
 * orders, once exported in bulk (the connector's default) and once paged
 * ({@code -Dshoplink.shopify.bulkThreshold=off}). Reports wall time, pages, items and the GraphQL points
 * the simulator charged for the order sync. The bulk run keeps Shopify's Standard bucket (2,000 points,
 * 100 a second); the paged run gets an unlimited bucket, so that its time is the machine's and its
 * throttled time on a Standard plan is the points divided by 100 a second; mode {@code paged-standard} pages
 * against the Standard bucket (used to pick the bulk threshold: small shops, real pacing).
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" dev.shoplink.bench.ShopifyBulkBench \
 *     [--root .] [--dist DIR] [--orders 100000] [--products 2000] [--modes bulk,paged] [--out FILE]
 * </pre>
 */
public final class ShopifyBulkBench {

    record Result(String mode, Api.SyncResult products, Api.SyncResult orders, long points, long productPoints) {
    }

    private ShopifyBulkBench() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(".");
        Path dist = null;
        int orders = 100_000;
        int products = 2_000;
        List<String> modes = List.of("bulk", "paged");
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--dist" -> dist = Path.of(args[++i]);
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--products" -> products = Integer.parseInt(args[++i]);
                case "--modes" -> modes = List.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        root = root.toAbsolutePath().normalize();
        if (dist == null) {
            dist = root.resolve("distribution/target/shoplink");
        }
        if (out == null) {
            out = root.resolve("bench/target/shopify-bulk.md");
        }
        Path work = root.resolve("bench/target/work/shopify-bulk");
        String loadBefore = Machine.loadAverage();
        LocalDate syncStart = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        Instant shopNow = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<Result> results = new ArrayList<>();
        int inShop;
        try (ShopSimulator shop = ShopSimulator.builder().seed(42).products(products).orders(orders).orderDays(30).now(shopNow)
                .noRateLimit().start()) {
            inShop = shop.orderCount();
            for (String mode : modes) {
                boolean paged = mode.startsWith("paged");
                if (mode.equals("paged")) {
                    shop.setShopifyBucket(1e12, 1e12);
                } else {
                    shop.setShopifyBucket(2_000, 100);
                }
                Path dir = work.resolve(mode);
                Path data = Bench.freshDir(dir.resolve("data"));
                String opts = "-Xmx256m" + (paged ? " -Dshoplink.shopify.bulkThreshold=off" : "");
                try (Host host = Host.startWithEnv(dist, data, opts, Map.of("SHOPLINK_SHOPIFY_BASE_URL", shop.baseUrl()),
                        dir.resolve("host.log"))) {
                    host.awaitReady(Duration.ofSeconds(120));
                    Api api = new Api(host);
                    long integration = api.createShopifyIntegration("Bench Shopify", shop.shopifyDomain(), shop.shopifyAccessToken(),
                            syncStart);
                    long p0 = shop.shopifyPointsCharged();
                    Api.SyncResult p = api.sync(integration, "products", Duration.ofMinutes(20));
                    Bench.log("%s: product sync %s in %.0f ms (%d pages, %d items)%s", mode, p.state(), p.wallMs(), p.pages(), p.items(),
                            p.error() == null ? "" : ": " + p.error());
                    long o0 = shop.shopifyPointsCharged();
                    Api.SyncResult o = api.sync(integration, "orders", Duration.ofMinutes(60));
                    long points = shop.shopifyPointsCharged() - o0;
                    Bench.log("%s: order sync %s in %.0f ms (%d pages, %d items, %d points)%s", mode, o.state(), o.wallMs(), o.pages(),
                            o.items(), points, o.error() == null ? "" : ": " + o.error());
                    results.add(new Result(mode, p, o, points, o0 - p0));
                }
            }
        }
        String report = report(results, inShop, products, syncStart, loadBefore, Machine.loadAverage(), root);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private static String report(List<Result> results, int orders, int products, LocalDate syncStart, String loadBefore,
            String loadAfter, Path root) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Machine.cpu()).append(", ").append(Machine.cores()).append(" cores, ").append(Machine.memory())
                .append("; ").append(Machine.jdk()).append("; ").append(Machine.os()).append(". Date: ").append(LocalDate.now(ZoneOffset.UTC))
                .append("; commit ").append(Machine.git(root)).append(". Load average before: ").append(loadBefore)
                .append(", after: ").append(loadAfter).append(".\n\n");
        md.append("Shop: simulator seed 42, ").append(products).append(" products, ").append(String.format("%,d", orders))
                .append(" orders over 30 days; sync start ").append(syncStart).append(". Host: the distribution, `-Xmx256m`, embedded H2.\n\n");
        md.append("| mode | product sync (s) | order sync (s) | order pages | orders imported | GraphQL points (order sync) |"
                + " points per 1,000 orders | at 100 points/s (Standard) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            double per1000 = r.orders().items() == 0 ? Double.NaN : 1000.0 * r.points() / r.orders().items();
            md.append(String.format("| %s | %.1f | %.1f | %d | %,d | %,d | %.1f | %.0f s |%n", r.mode(), r.products().wallMs() / 1000,
                    r.orders().wallMs() / 1000, r.orders().pages(), r.orders().items(), r.points(), per1000, r.points() / 100.0));
            if (!r.orders().succeeded() || !r.products().succeeded()) {
                md.append("\n").append(r.mode()).append(" failed: ").append(r.products().error()).append(" / ")
                        .append(r.orders().error()).append("\n\n");
            }
        }
        return md.toString();
    }
}
