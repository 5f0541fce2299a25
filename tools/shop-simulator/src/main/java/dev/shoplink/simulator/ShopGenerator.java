package dev.shoplink.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Builds a coffee roaster's shop from a {@link ShopSpec}: the store, the catalog ({@link ProductGenerator}) and the
 * orders ({@link OrderGenerator}, with {@link CustomerGenerator}). Every product, customer and order draws from
 * its own random stream derived from (seed, kind, index), so orders can be generated in parallel and
 * the result still does not depend on thread scheduling.
 */
final class ShopGenerator {

    static final long FIRST_PRODUCT_ID = 31_200_001L;
    static final long FIRST_ORDER_ID = 187_400_001L;
    static final long FIRST_ORDER_ITEM_ID = 402_000_000L;
    /** Item ids are {@code FIRST_ORDER_ITEM_ID + orderIndex * stride + line}; lines never exceed it. */
    static final int ITEM_ID_STRIDE = 8;
    static final int MAX_PRODUCT_LINES = 6;
    static final long STORE_ID = 215_577L;
    /** Shopify numbers a shop's orders from #1001; ShipStation shows a Shopify order's number without the '#'. */
    static final int FIRST_ORDER_NUMBER = 1_001;

    static final long DAY = Duration.ofDays(1).toMillis();
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static final long SALT_ORDER_DATES = 0x5EED_0004L;

    private final ShopSpec spec;
    private final long nowMillis;
    /** Nothing generated is newer than this, so a mutation "now" is always strictly the newest change. */
    private final long latestMillis;

    ShopGenerator(ShopSpec spec) {
        this.spec = spec;
        this.nowMillis = spec.now().toEpochMilli();
        this.latestMillis = nowMillis - MINUTE;
    }

    static SplittableRandom random(long seed, long salt, long index) {
        return new SplittableRandom(mix64(mix64(seed ^ salt) + index * 0x9E3779B97F4A7C15L));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long between(SplittableRandom rng, long from, long to) {
        return to <= from ? from : from + rng.nextLong(to - from);
    }

    static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    static long local(long epochMillis) {
        return PacificTime.localMillis(Instant.ofEpochMilli(epochMillis));
    }

    Store store() {
        return new Store(STORE_ID, "Hilltop Coffee Roasters", "Hilltop Coffee Roasters LLC",
                "orders@hilltop-roasters.example.com", "https://hilltop-roasters.example.com",
                local(nowMillis - 4 * 365 * DAY), local(latestMillis - 3 * MINUTE));
    }

    List<Product> products() {
        return new ProductGenerator(spec, nowMillis, latestMillis).products();
    }

    /** Generates every order and hands them to a fresh {@link OrderBook} as pre-serialized JSON. */
    OrderBook orders(List<Product> products) {
        int m = spec.orderCount();
        SplittableRandom rng = random(spec.seed(), SALT_ORDER_DATES, 0);
        long windowStart = nowMillis - spec.orderDays() * DAY;
        long windowEnd = latestMillis - HOUR;
        long[] placed = new long[m];
        for (int i = 0; i < m; i++) {
            placed[i] = between(rng, windowStart, windowEnd);
        }
        Arrays.sort(placed);

        OrderGenerator generator = new OrderGenerator(spec.seed(), latestMillis, products, Math.max(1, m / 3));

        byte[][] json = new byte[m][];
        long[] orderDate = new long[m];
        long[] createDate = new long[m];
        long[] modifyDate = new long[m];
        byte[] status = new byte[m];
        long[] placedAt = new long[m];
        long[] modifiedAt = new long[m];
        IntStream.range(0, m).parallel().forEach(i -> {
            Order order = generator.order(i, placed[i]);
            json[i] = ShipStationJson.order(order);
            orderDate[i] = order.orderDate();
            createDate[i] = order.createDate();
            modifyDate[i] = order.modifyDate();
            status[i] = (byte) order.status().ordinal();
            placedAt[i] = order.placedAtMillis();
            modifiedAt[i] = order.modifiedAtMillis();
        });
        return new OrderBook(spec.seed(), products, json, orderDate, createDate, modifyDate, status, placedAt, modifiedAt);
    }
}
