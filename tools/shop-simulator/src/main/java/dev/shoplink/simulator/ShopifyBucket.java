package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The app's leaky bucket of Shopify query cost points: it refills at {@code restoreRate} points a second up
 * to {@code maximumAvailable}; a query reserves its requested cost first and is refunded what it did not use
 * once its actual cost is known, as Shopify does.
 */
final class ShopifyBucket {
    private final Clock clock;
    private double maximumAvailable;
    private double restoreRate;
    private double available;
    private Instant bucketAt;
    private long charged;

    ShopifyBucket(Clock clock, double maximumAvailable, double restoreRate) {
        this.clock = clock;
        reset(maximumAvailable, restoreRate);
    }

    /** Sets the bucket's size and refill rate and fills it. */
    synchronized void reset(double maximum, double rate) {
        if (maximum <= 0 || rate <= 0) {
            throw new IllegalArgumentException("the Shopify bucket needs a positive size and restore rate");
        }
        this.maximumAvailable = maximum;
        this.restoreRate = rate;
        this.available = maximum;
        this.bucketAt = clock.instant();
    }

    /** Sets what the bucket holds now (tests). */
    synchronized void available(double points) {
        refill();
        this.available = Math.max(0, Math.min(maximumAvailable, points));
    }

    synchronized double maximumAvailable() {
        return maximumAvailable;
    }

    synchronized double restoreRate() {
        return restoreRate;
    }

    synchronized double currentlyAvailable() {
        refill();
        return available;
    }

    /** The actual cost of every query answered so far (points). */
    synchronized long pointsCharged() {
        return charged;
    }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Duration.between(bucketAt, now).toNanos() / 1e9;
        if (seconds > 0) {
            available = Math.min(maximumAvailable, available + seconds * restoreRate);
            bucketAt = now;
        }
    }

    /** Takes the requested cost from the bucket if it holds it (Shopify reserves first, refunds after). */
    synchronized boolean reserve(int requested) {
        refill();
        if (available < requested) {
            return false;
        }
        available -= requested;
        return true;
    }

    synchronized void refund(int requested, int actual) {
        available = Math.min(maximumAvailable, available + Math.max(0, requested - actual));
        charged += actual;
    }

    /** Writes {@code extensions.cost}: the requested and actual cost (null: not run) and the bucket's state. */
    synchronized void report(ObjectNode extensions, int requested, Integer actual) {
        refill();
        ObjectNode cost = extensions.putObject("cost");
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        cost.putObject("throttleStatus")
                .put("maximumAvailable", maximumAvailable)
                .put("currentlyAvailable", Math.floor(available))
                .put("restoreRate", restoreRate);
    }
}
