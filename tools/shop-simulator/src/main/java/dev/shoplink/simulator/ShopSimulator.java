package dev.shoplink.simulator;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ShipStation V1 look-alike serving a coffee roaster's shop generated from a seed.
 *
 * <pre>{@code
 * try (ShopSimulator shop = ShopSimulator.builder().seed(7).products(200).orders(1_000).start()) {
 *     HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/orders?pageSize=500"))
 *             .header("Authorization", shop.authorization()) ...
 * }
 * }</pre>
 *
 * <p>Standalone: {@code java -cp ... dev.shoplink.simulator.ShopSimulator --help}.
 */
public final class ShopSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShopSimulator.class);

    public static final String DEFAULT_API_KEY = "simulator-key";
    public static final String DEFAULT_API_SECRET = "simulator-secret";
    /** ShipStation V1's documented budget per API key and minute. */
    public static final int SHIPSTATION_RATE_LIMIT = 40;
    /** The Shopify shop's permanent domain unless {@link ShopSimulatorBuilder#shopifyDomain} says otherwise. */
    public static final String DEFAULT_SHOPIFY_DOMAIN = "roaster.myshopify.com";
    /** The Admin API access token of the Shopify shop's custom app unless {@link ShopSimulatorBuilder#shopifyAccessToken} says otherwise. */
    public static final String DEFAULT_SHOPIFY_ACCESS_TOKEN = "shpat_5eed000000000000000000000000cafe";
    /** The Admin API version the Shopify connector pins; the simulator answers any {@code YYYY-MM} release. */
    public static final String SHOPIFY_API_VERSION = "2026-10";
    /** Shopify's cost bucket of a shop on a standard plan: 2,000 points, refilled at 100 a second. */
    public static final double SHOPIFY_BUCKET_SIZE = 2_000;
    public static final double SHOPIFY_RESTORE_RATE = 100;

    private final ShopSpec spec;
    private final String apiKey;
    private final String apiSecret;
    private final Clock clock;
    private final Settings settings;
    private final RateLimiter rateLimiter;
    private final Counters counters = new Counters();
    private final ProductCatalog catalog;
    private final OrderBook orders;
    private final ShopifyApi shopify;
    private final String shopifyDomain;
    private final String shopifyAccessToken;
    private final Javalin app;
    private final String baseUrl;

    ShopSimulator(ShopSimulatorBuilder b, ShopSpec spec) {
        this.spec = spec;
        this.apiKey = b.apiKey;
        this.apiSecret = b.apiSecret;
        this.clock = b.clock;
        this.settings = new Settings(b.rateLimit, b.rateWindow, b.failRate, b.faultKinds, b.latency,
                b.slowResponseDelay, b.apiAccess, b.pageSizeCap);
        this.rateLimiter = new RateLimiter(clock);

        long started = System.nanoTime();
        ShopGenerator generator = new ShopGenerator(spec);
        List<Product> products = generator.products();
        this.catalog = new ProductCatalog(products);
        this.orders = generator.orders(products);
        Store store = generator.store();
        LOG.info("Generated {} products and {} orders (seed {}) in {} ms", products.size(), orders.size(),
                spec.seed(), (System.nanoTime() - started) / 1_000_000);

        this.shopifyDomain = b.shopifyDomain;
        this.shopifyAccessToken = b.shopifyAccessToken;
        this.shopify = new ShopifyApi(new ShopifyCatalog(products), orders, store, clock, shopifyDomain, shopifyAccessToken,
                b.shopifyBucketSize, b.shopifyRestoreRate);
        ShipStationApi api = new ShipStationApi(settings, rateLimiter, new FaultInjector(spec.seed()), counters,
                catalog, orders, store, apiKey, apiSecret, moreAccounts(b), shopify);
        AdminApi admin = new AdminApi(this);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            api.register(config);
            admin.register(config.routes);
        });
        app.start(b.host, b.port);
        String host = b.host.contains(":") ? "[" + b.host + "]" : b.host;
        this.baseUrl = "http://" + host + ":" + app.port();
    }

    private static Map<String, String> moreAccounts(ShopSimulatorBuilder b) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (int i = 1; i <= b.accounts; i++) {
            accounts.put(accountKey(b.apiKey, i), accountKey(b.apiSecret, i));
        }
        return accounts;
    }

    private static String accountKey(String base, int account) {
        return base + "-" + account;
    }

    public static ShopSimulatorBuilder builder() {
        return new ShopSimulatorBuilder();
    }

    /** Standalone entry point; see {@code --help}. */
    public static void main(String[] args) {
        int exitCode = SimulatorCommand.run(args);
        if (exitCode >= 0) {
            System.exit(exitCode);
        }
    }

    // ------------------------------------------------------------------ where and who

    public int port() {
        return app.port();
    }

    /** E.g. {@code http://127.0.0.1:41234} — what a connector uses instead of https://ssapi.shipstation.com. */
    public String baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    /** The API key of further account {@code account} (1 ≤ account ≤ {@link ShopSimulatorBuilder#accounts}): {@code <apiKey>-<account>}. */
    public String apiKey(int account) {
        return accountKey(apiKey, account);
    }

    /** The API secret of further account {@code account}: {@code <apiSecret>-<account>}. */
    public String apiSecret(int account) {
        return accountKey(apiSecret, account);
    }

    /** The rate-limit windows of one API key so far, oldest first (empty when limiting is off or the key sent nothing). */
    public List<RateWindow> rateWindows(String apiKey) {
        return rateLimiter.windows(apiKey);
    }

    /** The {@code Authorization} header value for the configured key and secret. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** The Shopify shop's permanent domain, e.g. {@code roaster.myshopify.com}: what a Shopify integration's shop URL names. */
    public String shopifyDomain() {
        return shopifyDomain;
    }

    /** The {@code X-Shopify-Access-Token} the Shopify endpoint accepts. */
    public String shopifyAccessToken() {
        return shopifyAccessToken;
    }

    /** The Shopify GraphQL Admin endpoint of the pinned version, e.g. {@code http://127.0.0.1:41234/admin/api/2026-10/graphql.json}. */
    public String shopifyGraphqlUrl() {
        return baseUrl + "/admin/api/" + SHOPIFY_API_VERSION + "/graphql.json";
    }

    // ------------------------------------------------------------------ the generated shop

    public long seed() {
        return spec.seed();
    }

    public int productCount() {
        return catalog.products().size();
    }

    public int orderCount() {
        return orders.size();
    }

    /** The moment the shop was generated "at": orders lie in the days before it. */
    public Instant generatedAt() {
        return spec.now();
    }

    /** Products are created before and after this instant (see {@link ShopSimulatorBuilder#newProductsSince}). */
    public Instant newProductsSince() {
        return spec.newProductsSince();
    }

    // ------------------------------------------------------------------ changing things

    /**
     * Changes {@code count} distinct orders now (clock time): new {@code modifyDate}, status moved along,
     * sometimes an added line. A later {@code modifyDateStart} query picks up exactly these.
     */
    public MutationBatch mutateOrders(int count) {
        MutationBatch batch = orders.mutate(count, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        counters.mutated(batch.orderIds().size());
        return batch;
    }

    /** Requests per window per API key; 0 switches limiting and the rate-limit headers off. */
    public void setRateLimit(int requestsPerWindow) {
        settings.rateLimit(requestsPerWindow);
        rateLimiter.reset();
    }

    public void setRateWindow(Duration window) {
        settings.rateWindow(window);
        rateLimiter.reset();
    }

    /** Forgets every key's current window, as if a minute had passed for all of them. */
    public void resetRateLimit() {
        rateLimiter.reset();
    }

    /** Share (0..1) of authenticated API requests that get one of the enabled faults. */
    public void setFailRate(double share) {
        settings.failRate(share);
    }

    public void setFaultKinds(Set<FaultKind> kinds) {
        settings.faultKinds(kinds);
    }

    public void setLatency(Duration added) {
        settings.latency(added);
    }

    public void setSlowResponseDelay(Duration delay) {
        settings.slowResponseDelay(delay);
    }

    /** {@code false} answers 402 to every authenticated API request, like a plan without API access. */
    public void setApiAccess(boolean allowed) {
        settings.apiAccess(allowed);
    }

    public void setPageSizeCap(int cap) {
        settings.pageSizeCap(cap);
    }

    /** Shopify's cost bucket: its size and restore rate (points a second); the bucket starts full. */
    public void setShopifyBucket(double maximumAvailable, double restoreRate) {
        shopify.bucket(maximumAvailable, restoreRate);
    }

    /** Sets what Shopify's bucket holds now, e.g. 0 to have the next query throttled. */
    public void setShopifyPointsAvailable(double points) {
        shopify.available(points);
    }

    /** The points Shopify's endpoint has charged so far: the sum of every answer's {@code actualQueryCost}. */
    public long shopifyPointsCharged() {
        return shopify.pointsCharged();
    }

    /** How long each Shopify bulk operation stays CREATED before it runs (default none). */
    public void setShopifyBulkDelay(Duration delay) {
        shopify.bulk().delay(delay);
    }

    /** What Shopify's bucket holds now (refilled by the clock). */
    public double shopifyPointsAvailable() {
        return shopify.currentlyAvailable();
    }

    double shopifyBucketSize() {
        return shopify.maximumAvailable();
    }

    double shopifyRestoreRate() {
        return shopify.restoreRate();
    }

    Settings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ what happened

    /** ShipStation API requests received (not /_sim), whatever their outcome. */
    public long requestCount() {
        return counters.requests();
    }

    /** Requests answered 429. */
    public long tooManyRequestsCount() {
        return counters.tooManyRequests();
    }

    public SimulatorStats stats() {
        return counters.snapshot();
    }

    public void resetStats() {
        counters.reset();
    }

    @Override
    public void close() {
        app.stop();
        shopify.bulk().close();
    }

}
