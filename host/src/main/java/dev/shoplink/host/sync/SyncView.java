package dev.shoplink.host.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sync run as the admin API shows it.
 *
 * @param waitUntil while the shop's rate limit is used up, the instant the run resumes
 */
public record SyncView(long syncId, long integrationId, SyncScope scope, SyncState state, SyncPhase phase, Progress progress,
                       Instant requestedAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                       Optional<Instant> waitUntil, Optional<String> error) {

    /**
     * Pages committed, pages expected when the shop reports it, items stored, and while the run is active an estimate of
     * the seconds left.
     *
     * @param secondsLeft while active and the shop reports its page count: the time per page so far (rate-limit waits
     *                    included) times the pages left, rounded up; empty before the first page or without a page count
     */
    public record Progress(int pagesDone, Optional<Integer> pagesTotal, long items, Optional<Long> secondsLeft) {
    }

    static SyncView of(SyncRun r, Instant now) {
        return new SyncView(r.id(), r.integrationId(), r.scope(), r.state(), r.phase(),
                new Progress(r.pagesDone(), r.pagesTotal(), r.items(), secondsLeft(r, now)), r.requestedAt(), r.startedAt(),
                r.finishedAt(), r.state() == SyncState.WAITING_RATE_LIMIT ? r.waitUntil() : Optional.empty(), r.error());
    }

    /** Elapsed time per committed page times the pages left; a pending rate-limit wait is at least what is left. */
    static Optional<Long> secondsLeft(SyncRun r, Instant now) {
        if (!r.state().active() || r.startedAt().isEmpty() || r.pagesTotal().isEmpty() || r.pagesDone() <= 0) {
            return Optional.empty();
        }
        int left = Math.max(0, r.pagesTotal().get() - r.pagesDone());
        double perPage = Math.max(0, Duration.between(r.startedAt().get(), now).toMillis()) / (double) r.pagesDone();
        long estimate = (long) Math.ceil(perPage * left / 1000.0);
        if (r.state() == SyncState.WAITING_RATE_LIMIT && r.waitUntil().isPresent()) {
            estimate = Math.max(estimate, (long) Math.ceil(Math.max(0, Duration.between(now, r.waitUntil().get())
                    .toMillis()) / 1000.0));
        }
        return Optional.of(estimate);
    }
}
