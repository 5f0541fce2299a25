package dev.shoplink.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run view's estimate of the time left: time per page so far times the pages left, at least a pending wait. */
class SyncViewEstimateTest {
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private static SyncRun run(SyncState state, int pagesDone, Optional<Integer> pagesTotal, Optional<Instant> waitUntil,
                               Optional<Instant> finishedAt) {
        return new SyncRun(7, 1, SyncScope.ALL, state, SyncPhase.ORDERS,
                new SyncRun.Progress(Optional.of("c"), pagesDone, pagesDone, pagesTotal, pagesDone * 50L),
                new SyncRun.Setback(0, Optional.empty(), waitUntil),
                new SyncRun.OrdersWindow(Optional.empty(), Optional.empty()),
                new SyncRun.Timing(START.minusSeconds(1), Optional.of(START), finishedAt), Optional.of("host-a"));
    }

    @Test
    void runningWithAPageCountEstimatesFromTheTimePerPage() {
        // 4 pages in 20 s: 5 s a page, 6 pages left
        SyncView view = SyncView.of(run(SyncState.RUNNING, 4, Optional.of(10), Optional.empty(), Optional.empty()),
                START.plusSeconds(20));
        assertThat(view.progress().secondsLeft()).contains(30L);
    }

    @Test
    void aPendingRateLimitWaitIsTheLeastThatIsLeft() {
        SyncRun waiting = run(SyncState.WAITING_RATE_LIMIT, 9, Optional.of(10), Optional.of(START.plusSeconds(45)),
                Optional.empty());
        SyncView view = SyncView.of(waiting, START.plusSeconds(18));
        assertThat(view.progress().secondsLeft()).contains(27L); // 2 s a page says 2 s, the wait says 27 s
        assertThat(view.waitUntil()).contains(START.plusSeconds(45));
    }

    @Test
    void noEstimateWithoutAPageCountBeforeTheFirstPageOrOnceFinished() {
        assertThat(SyncView.of(run(SyncState.RUNNING, 4, Optional.empty(), Optional.empty(), Optional.empty()),
                START.plusSeconds(20)).progress().secondsLeft()).isEmpty();
        assertThat(SyncView.of(run(SyncState.RUNNING, 0, Optional.of(10), Optional.empty(), Optional.empty()),
                START.plusSeconds(20)).progress().secondsLeft()).isEmpty();
        assertThat(SyncView.of(run(SyncState.SUCCEEDED, 10, Optional.of(10), Optional.empty(),
                Optional.of(START.plusSeconds(50))), START.plusSeconds(60)).progress().secondsLeft()).isEmpty();
    }
}
