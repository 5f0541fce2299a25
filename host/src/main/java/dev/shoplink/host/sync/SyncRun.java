package dev.shoplink.host.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * A sync run row: its state and everything needed to resume it after a crash (phase, cursor,
 * the order watermark it started from).
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
        Optional<String> cursor,
        int pagesDone,
        int phasePages,
        Optional<Integer> pagesTotal,
        long items,
        int attempts,
        Optional<String> error,
        Optional<Instant> waitUntil,
        Optional<Instant> ordersSince,
        Optional<Instant> watermark,
        Instant requestedAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> owner) {
}
