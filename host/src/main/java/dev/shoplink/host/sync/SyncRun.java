package dev.shoplink.host.sync;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A sync run row: its state and everything needed to resume it after a crash (phase, cursor, the order window it
 * reads). {@link SyncRepository} maps it with Jdbi's constructor mapper: each component and each nested record's
 * component is the {@code sync_run} column of its (snake_case) name.
 *
 * @param owner the host that last claimed the run (see {@link SyncRepository#claim}); read with the state, so one
 *              query tells whether the run is still active and still this host's
 */
public record SyncRun(
        long id,
        long integrationId,
        SyncScope scope,
        SyncState state,
        SyncPhase phase,
        @Nested Progress progress,
        @Nested Setback setback,
        @Nested OrdersWindow ordersWindow,
        @Nested Timing timing,
        Optional<String> owner) {

    /**
     * Where the run is: the cursor to resume the phase from, pages committed in all and in this phase, the pages
     * expected when the shop reports it, items stored.
     */
    public record Progress(@ColumnName("page_cursor") Optional<String> cursor, int pagesDone, int phasePages,
                           Optional<Integer> pagesTotal, long items) {
    }

    /** What holds the run back: failed attempts since the last committed page, the last error, a rate-limit wait. */
    public record Setback(int attempts, Optional<String> error, Optional<Instant> waitUntil) {
    }

    /** The orders the run reads, fixed when its order phase starts: changed since {@code ordersSince}, up to {@code watermark}. */
    public record OrdersWindow(Optional<Instant> ordersSince, Optional<Instant> watermark) {
    }

    public record Timing(Instant requestedAt, Optional<Instant> startedAt, Optional<Instant> finishedAt) {
    }
}
