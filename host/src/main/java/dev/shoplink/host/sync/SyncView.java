package dev.shoplink.host.sync;

import java.time.Instant;
import java.util.Optional;

/** A sync run as the admin API shows it. */
public record SyncView(long syncId, long integrationId, SyncScope scope, SyncState state, SyncPhase phase, Progress progress,
                       Instant requestedAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                       Optional<Instant> waitUntil, Optional<String> error) {

    /** Pages committed, pages expected when the shop reports it, items stored. */
    public record Progress(int pagesDone, Optional<Integer> pagesTotal, long items) {
    }

    static SyncView of(SyncRun r) {
        return new SyncView(r.id(), r.integrationId(), r.scope(), r.state(), r.phase(),
                new Progress(r.pagesDone(), r.pagesTotal(), r.items()), r.requestedAt(), r.startedAt(), r.finishedAt(),
                r.state() == SyncState.WAITING_RATE_LIMIT ? r.waitUntil() : Optional.empty(), r.error());
    }
}
