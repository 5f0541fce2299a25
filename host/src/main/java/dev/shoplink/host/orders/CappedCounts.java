package dev.shoplink.host.orders;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The filters whose count was last found above the cap ("10,000+"), remembered for a few seconds so that the next
 * pages of such a list do not count again. Counting up to the cap reads 10,001 index entries (about 2 ms of CPU on
 * H2, on every request for a filtered list; on PostgreSQL for every list): more than the page itself. Only a count
 * at the cap is remembered; an exact total is counted on every request, so it is always exact. A remembered
 * "10,000+" can be stale for at most {@link #TTL} after enough matching orders are archived or deleted to bring the
 * count under the cap.
 */
final class CappedCounts {
    static final Duration TTL = Duration.ofSeconds(5);
    /** More filters than this at once (each one a different query string) and the memory starts over. */
    private static final int MAX_FILTERS = 1_000;

    private final Map<OrderRepository.Filter, Long> until = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    CappedCounts(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Whether the count of {@code filter} was found above the cap less than {@link #TTL} ago. */
    boolean above(OrderRepository.Filter filter) {
        Long deadline = until.get(filter);
        if (deadline == null) {
            return false;
        }
        if (nanos.getAsLong() - deadline < 0) {
            return true;
        }
        until.remove(filter, deadline);
        return false;
    }

    /** Remembers that the count of {@code filter} is above the cap, or forgets it when it is not. */
    void counted(OrderRepository.Filter filter, boolean aboveCap) {
        if (!aboveCap) {
            until.remove(filter);
            return;
        }
        if (until.size() >= MAX_FILTERS) {
            until.clear();
        }
        until.put(filter, nanos.getAsLong() + TTL.toNanos());
    }
}
