package dev.shoplink.host.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync jobs on db-scheduler: each run is a durable task row claimed by one worker (row
 * locks, so several hosts on one database run it once); a host that dies mid-run stops its
 * heartbeat and the task is revived and resumes from the last committed page.
 */
@Singleton
public final class SyncScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

    private final Scheduler scheduler;
    private final OneTimeTask<Void> task;
    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    public SyncScheduler(DataSource dataSource, Jdbi jdbi, SyncWorker worker, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.task = Tasks.oneTime("sync").execute((instance, context) -> worker.run(Long.parseLong(instance.getId())));
        this.scheduler = Scheduler.create(dataSource, List.of(task))
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(2))
                .missedHeartbeatsLimit(4)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .build();
    }

    public void enqueue(long syncId) {
        scheduler.scheduleIfNotExists(task.instance(Long.toString(syncId)), clock.instant());
    }

    /** Starts the workers and re-queues runs whose task row was lost (e.g. a stop mid-run). */
    public void start() {
        scheduler.start();
        List<SyncRun> active = jdbi.withHandle(h -> new SyncRepository().allActive(h));
        for (SyncRun run : active) {
            enqueue(run.id());
        }
        if (!active.isEmpty()) {
            LOG.info("{} unfinished sync(s) will resume", active.size());
        }
    }

    public void stop() {
        scheduler.stop();
    }
}
