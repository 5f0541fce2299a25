package dev.shoplink.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Options of a {@link ShopSimulator} ({@link ShopSimulator#builder()}), then {@link #start()}; every one has a default
 * fit for a quick test.
 */
public final class ShopSimulatorBuilder {
    long seed = 42;
    int products = 200;
    int orders = 1_000;
    String apiKey = ShopSimulator.DEFAULT_API_KEY;
    String apiSecret = ShopSimulator.DEFAULT_API_SECRET;
    int accounts;
    String host = "127.0.0.1";
    int port = 0;
    Clock clock = Clock.systemUTC();
    Instant now;
    Instant newProductsSince;
    double newProductShare = 0.1;
    int orderDays = 60;
    int rateLimit = ShopSimulator.SHIPSTATION_RATE_LIMIT;
    Duration rateWindow = Duration.ofMinutes(1);
    int pageSizeCap = Settings.MAX_PAGE_SIZE;
    Duration latency = Duration.ZERO;
    double failRate = 0;
    Set<FaultKind> faultKinds = EnumSet.allOf(FaultKind.class);
    Duration slowResponseDelay = Duration.ofSeconds(2);
    boolean apiAccess = true;
    String shopifyDomain = ShopSimulator.DEFAULT_SHOPIFY_DOMAIN;
    String shopifyAccessToken = ShopSimulator.DEFAULT_SHOPIFY_ACCESS_TOKEN;
    double shopifyBucketSize = ShopSimulator.SHOPIFY_BUCKET_SIZE;
    double shopifyRestoreRate = ShopSimulator.SHOPIFY_RESTORE_RATE;

    ShopSimulatorBuilder() {
    }

    /** Same seed (and same {@link #now}) → byte-identical JSON. Default 42. */
    public ShopSimulatorBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Number of product records (each one SKU). Default 200. */
    public ShopSimulatorBuilder products(int count) {
        this.products = count;
        return this;
    }

    /** Number of orders, spread over the {@link #orderDays} before {@link #now}. Default 1,000. */
    public ShopSimulatorBuilder orders(int count) {
        this.orders = count;
        return this;
    }

    public ShopSimulatorBuilder credentials(String apiKey, String apiSecret) {
        this.apiKey = Objects.requireNonNull(apiKey);
        this.apiSecret = Objects.requireNonNull(apiSecret);
        return this;
    }

    /**
     * Further accounts on the same shop data, each with its own rate-limit budget: account i (1..count) has key
     * {@code <apiKey>-i} and secret {@code <apiSecret>-i} (see {@link ShopSimulator#apiKey(int)}). Default 0.
     */
    public ShopSimulatorBuilder accounts(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("accounts must be 0 or more");
        }
        this.accounts = count;
        return this;
    }

    /** Bind address; default 127.0.0.1. */
    public ShopSimulatorBuilder host(String host) {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    /** Default 0: a free port, see {@link ShopSimulator#port()}. */
    public ShopSimulatorBuilder port(int port) {
        this.port = port;
        return this;
    }

    /**
     * Time source for the rate-limit window and for mutations, and for {@link #now} when that is not
     * set. Tests pass a clock they can move forward.
     */
    public ShopSimulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** The moment the shop is generated "at"; default: the clock's time at start. */
    public ShopSimulatorBuilder now(Instant now) {
        this.now = now;
        return this;
    }

    /** Products are created before and after this instant; default 30 days before {@link #now}. */
    public ShopSimulatorBuilder newProductsSince(Instant since) {
        this.newProductsSince = since;
        return this;
    }

    /** Share of products created after {@link #newProductsSince}; default 0.1. */
    public ShopSimulatorBuilder newProductShare(double share) {
        this.newProductShare = share;
        return this;
    }

    /** Orders lie in this many days before {@link #now}; default 60. */
    public ShopSimulatorBuilder orderDays(int days) {
        this.orderDays = days;
        return this;
    }

    /** Requests per window per key; default 40 (ShipStation's). 0 = off. */
    public ShopSimulatorBuilder rateLimit(int requestsPerWindow) {
        this.rateLimit = requestsPerWindow;
        return this;
    }

    public ShopSimulatorBuilder noRateLimit() {
        return rateLimit(0);
    }

    /** Default one minute. */
    public ShopSimulatorBuilder rateWindow(Duration window) {
        this.rateWindow = window;
        return this;
    }

    /** Largest page served; larger pageSize values are capped to it. 1..500, default 500. */
    public ShopSimulatorBuilder pageSizeCap(int cap) {
        this.pageSizeCap = cap;
        return this;
    }

    /** Added to every API response; default none. */
    public ShopSimulatorBuilder latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Share (0..1) of authenticated API requests that get a fault; default 0. */
    public ShopSimulatorBuilder failRate(double share) {
        this.failRate = share;
        return this;
    }

    /** Which faults to draw from (evenly); default all. */
    public ShopSimulatorBuilder faultKinds(Set<FaultKind> kinds) {
        this.faultKinds = EnumSet.copyOf(kinds);
        return this;
    }

    public ShopSimulatorBuilder faultKinds(FaultKind first, FaultKind... more) {
        return faultKinds(EnumSet.of(first, more));
    }

    /** How long a {@link FaultKind#SLOW_RESPONSE} waits; default 2 s. */
    public ShopSimulatorBuilder slowResponseDelay(Duration delay) {
        this.slowResponseDelay = delay;
        return this;
    }

    /** {@code false}: every authenticated API request gets 402, like a plan without API access. */
    public ShopSimulatorBuilder apiAccess(boolean allowed) {
        this.apiAccess = allowed;
        return this;
    }

    /** The Shopify shop's {@code <shop>.myshopify.com}; default {@value ShopSimulator#ShopSimulator.DEFAULT_SHOPIFY_DOMAIN}. */
    public ShopSimulatorBuilder shopifyDomain(String domain) {
        this.shopifyDomain = Objects.requireNonNull(domain);
        return this;
    }

    /** The Admin API access token the Shopify endpoint accepts. */
    public ShopSimulatorBuilder shopifyAccessToken(String token) {
        this.shopifyAccessToken = Objects.requireNonNull(token);
        return this;
    }

    /**
     * Shopify's cost bucket: default 2,000 points refilled at 100 a second (a standard plan); Shopify Plus
     * has 20,000 and 1,000.
     */
    public ShopSimulatorBuilder shopifyBucket(double maximumAvailable, double restoreRate) {
        if (maximumAvailable <= 0 || restoreRate <= 0) {
            throw new IllegalArgumentException("the Shopify bucket needs a positive size and restore rate");
        }
        this.shopifyBucketSize = maximumAvailable;
        this.shopifyRestoreRate = restoreRate;
        return this;
    }

    /** Generates the shop and starts serving it. */
    public ShopSimulator start() {
        Instant at = (now != null ? now : clock.instant()).truncatedTo(ChronoUnit.MILLIS);
        Instant since = newProductsSince != null ? newProductsSince : ShopSpec.defaultNewProductsSince(at);
        ShopSpec spec = new ShopSpec(seed, products, orders, at, since, newProductShare, orderDays);
        return new ShopSimulator(this, spec);
    }
}
