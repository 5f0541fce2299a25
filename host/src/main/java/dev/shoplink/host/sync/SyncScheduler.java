package dev.shoplink.host.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** Runs sync jobs on db-scheduler: durable rows, claimed by one worker, revived after a crash. */
@Singleton
public final class SyncScheduler {
    private final Scheduler scheduler;

    @Inject
    public SyncScheduler(DataSource dataSource) {
        this.scheduler = Scheduler.create(dataSource, List.of())
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(2))
                .missedHeartbeatsLimit(4)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .enableImmediateExecution()
                .build();
    }

    public void start() {
        scheduler.start();
    }

    public void stop() {
        scheduler.stop();
    }
}
