package dev.shoplink.host.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.metrics.LogContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync jobs on db-scheduler: each run is a durable task row claimed by one worker (row
 * locks, so several hosts on one database run it once); a host that dies mid-run stops its
 * heartbeat and the task is revived and resumes from the last committed page. A run that has to wait (a rate
 * limit, a retry's backoff) gives its thread back: its task row is rescheduled for the end of the wait, so two
 * threads serve any number of waiting runs and a shop that is not throttled is not held up by those that are.
 * The scheduler finds due rows by polling (every second); a wait's end is known, so a timer asks it to look at that
 * moment and the run resumes on time rather than up to a poll late (a second lost per wait is 1.7 % of a 60-second
 * rate-limit window, every window).
 */
@Singleton
public final class SyncScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

    /** How long a host's heartbeat may be missing before another host takes its syncs over. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    public static final int MISSED_HEARTBEATS = 4;

    private final Scheduler scheduler;
    private final CustomTask<Void> task;
    private final Jdbi jdbi;
    private final Clock clock;
    private final SyncWorker worker;
    private final SyncRepository runs = new SyncRepository();
    /** Wakes the scheduler when a wait ends (one daemon thread that only calls the scheduler). */
    private final ScheduledExecutorService wakeUps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-wake-up");
        t.setDaemon(true);
        return t;
    });
    /** Past a wait's end by this much, so the row is due by the scheduler's clock when it looks. */
    static final Duration WAKE_UP_MARGIN = Duration.ofMillis(10);

    @Inject
    public SyncScheduler(DataSource dataSource, Jdbi jdbi, SyncWorker worker, Clock clock, HostConfig config) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.worker = worker;
        this.task = Tasks.custom("sync", Void.class)
                .onDeadExecutionRevive()
                // an exception instead of an answer (an error of the store: a lock not granted in time, a lost
                // connection): nothing of the page was committed, so the run is simply due again after a backoff,
                // not after db-scheduler's default of 5 minutes, and FAILED after SHOPLINK_SYNC_MAX_ATTEMPTS in a row
                .onFailure((complete, operations) -> {
                    long syncId = Long.parseLong(complete.getExecution().taskInstance.getId());
                    int attempts = complete.getExecution().consecutiveFailures + 1;
                    Throwable error = complete.getCause().orElseGet(() -> new IllegalStateException("no cause given"));
                    Optional<Duration> wait;
                    try (LogContext.Scope ignored = LogContext.sync(syncId)) {
                        wait = worker.afterError(syncId, attempts, error);
                    }
                    if (wait.isPresent()) {
                        Instant due = Instant.now().plus(wait.get());
                        operations.reschedule(complete, due);
                        wakeAt(due);
                    } else {
                        operations.remove();
                    }
                })
                .execute((instance, context) -> {
                    long syncId = Long.parseLong(instance.getId());
                    Optional<Duration> wait = worker.run(syncId);
                    return (complete, operations) -> {
                        // a run left active (the host is stopping, or another host took it over) keeps its task row,
                        // due at once, so that whichever host polls next resumes it after its last committed page
                        Optional<SyncRun> run = jdbi.withHandle(h -> runs.find(h, syncId));
                        boolean active = run.map(r -> r.state().active()).orElse(false);
                        boolean mine = run.flatMap(SyncRun::owner).map(worker.hostId()::equals).orElse(true);
                        if (active && !mine) {
                            // another host revived the task after this one missed its heartbeats: the row is its now
                            LOG.info("sync {} continues on another host", syncId);
                        } else if (active) {
                            // a rate limit or a retry's backoff: the task row is due again when the wait is over, and
                            // no thread waits meanwhile. The scheduler's clock is the system's; the wait is a duration
                            Instant due = Instant.now().plus(wait.orElse(Duration.ZERO));
                            operations.reschedule(complete, due);
                            wakeAt(due);
                        } else {
                            operations.remove();
                        }
                    };
                });
        this.scheduler = Scheduler.create(dataSource, List.of(task))
                .threads(config.syncThreads())
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                // a stopping worker finishes the page it is fetching: at most one shop request
                .shutdownMaxWait(config.shopTimeout().plusSeconds(5))
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .build();
    }

    /** Asks the scheduler to look for due runs at {@code due}, instead of at its next poll after it. */
    private void wakeAt(Instant due) {
        long delay = Math.max(0, Duration.between(Instant.now(), due).plus(WAKE_UP_MARGIN).toMillis());
        try {
            wakeUps.schedule(scheduler::triggerCheckForDueExecutions, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: the row stays due and whichever host polls next runs it
        }
    }

    public void enqueue(long syncId) {
        scheduler.scheduleIfNotExists(task.instance(Long.toString(syncId)), clock.instant());
    }

    /** Starts the workers and re-queues runs whose task row was lost (e.g. a stop mid-run). */
    public void start() {
        releaseOwnClaimsIfEmbedded();
        scheduler.start();
        List<SyncRun> active = jdbi.withHandle(runs::allActive);
        for (SyncRun run : active) {
            enqueue(run.id());
        }
        if (!active.isEmpty()) {
            LOG.info("{} unfinished sync(s) will resume", active.size());
        }
    }

    /**
     * An embedded H2 file is open in one process only, so a task still marked picked was picked by this host's
     * previous life, which died: it is released at once instead of after the missed-heartbeat timeout that
     * guards the tasks of live hosts on a shared PostgreSQL.
     */
    private void releaseOwnClaimsIfEmbedded() {
        String url;
        try {
            url = jdbi.withHandle(h -> h.getConnection().getMetaData().getURL());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the database URL: " + e.getMessage(), e);
        }
        boolean embedded = url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
        if (embedded) {
            int released = jdbi.withHandle(runs::releasePickedTasks);
            if (released > 0) {
                LOG.info("{} sync task(s) of the previous, unclean stop released", released);
            }
        }
    }

    /** Stops the workers at a page boundary (their runs stay active and resume on the next start), then the scheduler. */
    public void stop() {
        worker.stopAtPageBoundary();
        wakeUps.shutdownNow();
        scheduler.stop();
    }
}
