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
        SyncRun.Progress p = r.progress();
        SyncRun.Timing t = r.timing();
        Optional<Instant> waitUntil = r.state() == SyncState.WAITING_RATE_LIMIT ? r.setback().waitUntil() : Optional.empty();
        return new SyncView(r.id(), r.integrationId(), r.scope(), r.state(), r.phase(),
                new Progress(p.pagesDone(), p.pagesTotal(), p.items(), secondsLeft(r, now)), t.requestedAt(), t.startedAt(),
                t.finishedAt(), waitUntil, r.setback().error());
    }

    /** Elapsed time per committed page times the pages left; a pending rate-limit wait is at least what is left. */
    static Optional<Long> secondsLeft(SyncRun r, Instant now) {
        SyncRun.Progress p = r.progress();
        Optional<Instant> started = r.timing().startedAt();
        if (!r.state().active() || started.isEmpty() || p.pagesTotal().isEmpty() || p.pagesDone() <= 0) {
            return Optional.empty();
        }
        int left = Math.max(0, p.pagesTotal().get() - p.pagesDone());
        double perPage = Math.max(0, Duration.between(started.get(), now).toMillis()) / (double) p.pagesDone();
        long estimate = (long) Math.ceil(perPage * left / 1000.0);
        Optional<Instant> waitUntil = r.setback().waitUntil();
        if (r.state() == SyncState.WAITING_RATE_LIMIT && waitUntil.isPresent()) {
            estimate = Math.max(estimate, (long) Math.ceil(Math.max(0, Duration.between(now, waitUntil.get())
                    .toMillis()) / 1000.0));
        }
        return Optional.of(estimate);
    }
}
