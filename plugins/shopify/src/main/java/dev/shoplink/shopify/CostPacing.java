package dev.shoplink.shopify;

import dev.shoplink.api.RateLimitedException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps Shopify's calculated-cost limit (a leaky bucket of points per app and shop) without
 * sleeping. Every answer reports the bucket ({@code maximumAvailable}, {@code currentlyAvailable},
 * {@code restoreRate} points a second) and the query's {@code requestedQueryCost}; Shopify runs a
 * query only when the bucket holds its requested cost. So before each request this class works
 * out what the bucket holds now (what it held at the last answer, refilled at the restore rate
 * since, by the connection's clock) and, when that is less than the query is expected to cost,
 * refuses the call with {@link RateLimitedException} and the exact wait <em>without sending it</em>;
 * the host waits and repeats the call. A throttled answer records the bucket it reports, so the
 * next call waits too: never a burst of throttled requests.
 *
 * <p>A query's expected cost is the {@code requestedQueryCost} Shopify reported the last time the
 * same operation ran for this shop, else the connector's own estimate. Shops are keyed by API
 * address and a hash of the token, so no token sits in this map.
 */
final class CostPacing {
    /** What the bucket looked like at an instant. */
    private record Bucket(double maximum, double available, double restoreRate, Instant at) {
        double availableAt(Instant now) {
            double seconds = Math.max(0, Duration.between(at, now).toNanos() / 1e9);
            return Math.min(maximum, available + seconds * restoreRate);
        }
    }

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Double> lastRequested = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> notBefore = new ConcurrentHashMap<>();

    /** Refuses the call when the shop's bucket does not hold what the operation is expected to cost. */
    void checkBeforeSending(String shop, String operation, double estimatedCost, Instant now) {
        Instant earliest = notBefore.get(shop);
        if (earliest != null) {
            if (now.isBefore(earliest)) {
                Duration wait = Duration.between(now, earliest);
                throw new RateLimitedException("Shopify throttled this shop's last request; the next request may go in "
                        + seconds(wait) + " s", wait);
            }
            notBefore.remove(shop, earliest);
        }
        Bucket bucket = buckets.get(shop);
        if (bucket == null) {
            return;
        }
        double expected = Math.min(expectedCost(shop, operation, estimatedCost), bucket.maximum());
        double available = bucket.availableAt(now);
        if (available >= expected) {
            return;
        }
        Duration wait = waitFor(expected, available, bucket.restoreRate());
        throw new RateLimitedException("Shopify's query-cost budget for this shop is nearly used up (" + Math.round(available)
                + " of " + Math.round(bucket.maximum()) + " points left, the next query needs about " + Math.round(expected)
                + "); the next request may go in " + seconds(wait) + " s", wait);
    }

    /** The cost the operation is expected to reserve: what Shopify last asked for it, else the estimate. */
    double expectedCost(String shop, String operation, double estimatedCost) {
        return lastRequested.getOrDefault(shop + " " + operation, estimatedCost);
    }

    /** Remembers the bucket and the operation's requested cost from an answer. */
    void afterAnswer(String shop, String operation, QueryCost cost, Instant now) {
        buckets.put(shop, new Bucket(cost.maximumAvailable(), cost.currentlyAvailable(), cost.restoreRate(), now));
        lastRequested.put(shop + " " + operation, cost.requested());
    }

    /**
     * The exception for a throttled answer to {@code what}, and the shop paced accordingly from now on.
     * With a cost report the wait is until the bucket holds the requested cost,
     * {@code (requestedQueryCost - currentlyAvailable) / restoreRate} (a second when that is not positive);
     * without one (a bare HTTP 429) it is {@code Retry-After}, else 2 s, and no call for this shop goes
     * before it has passed.
     */
    RateLimitedException throttled(String shop, String operation, Optional<QueryCost> cost, Optional<String> retryAfter,
                                   Instant now, String what) {
        if (cost.isPresent()) {
            QueryCost c = cost.get();
            afterAnswer(shop, operation, c, now);
            Duration wait = waitFor(Math.min(c.requested(), c.maximumAvailable()), c.currentlyAvailable(), c.restoreRate());
            return new RateLimitedException("Shopify throttled " + what + ": it needs " + Math.round(c.requested())
                    + " points and the bucket holds " + Math.round(c.currentlyAvailable()) + " of " + Math.round(c.maximumAvailable())
                    + ", refilling " + Math.round(c.restoreRate()) + " a second; retry in " + wait.toMillis() + " ms", wait);
        }
        Duration wait = retryAfter.flatMap(CostPacing::retryAfterSeconds).orElse(Duration.ofSeconds(2));
        notBefore.merge(shop, now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
        return new RateLimitedException("Shopify throttled " + what + " (HTTP 429); retry in " + wait.toMillis() + " ms", wait);
    }

    /** A non-negative number of seconds (at most a day), fractions rounded up to the millisecond. */
    private static Optional<Duration> retryAfterSeconds(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text.strip());
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Duration waitFor(double needed, double available, double restoreRate) {
        double seconds = (needed - available) / restoreRate;
        long millis = (long) Math.ceil(seconds * 1000);
        return millis > 0 ? Duration.ofMillis(millis) : Duration.ofSeconds(1);
    }

    private static long seconds(Duration wait) {
        // round up: "0 s" would read as "go now"
        return wait.plusNanos(999_999_999).getSeconds();
    }
}
