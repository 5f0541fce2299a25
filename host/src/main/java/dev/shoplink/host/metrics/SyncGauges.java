package dev.shoplink.host.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from the database: sync runs by state ({@code sync_run}) and db-scheduler's task
 * rows, queued or picked ({@code scheduled_tasks}). Both come from one grouped count over an
 * indexed column, read at most once per {@code maxAge} however many gauges a scrape reads, so
 * they cost the database a query per scrape interval. The counts are those of the database,
 * so every host sharing it reports the same numbers.
 */
public final class SyncGauges {
    public static final String SYNCS = "shoplink.syncs";
    public static final String SCHEDULER_TASKS = "shoplink.scheduler.tasks";
    private static final Logger LOG = LoggerFactory.getLogger(SyncGauges.class);

    private final Jdbi jdbi;
    private final long maxAgeNanos;
    private Counts counts;

    private SyncGauges(Jdbi jdbi, Duration maxAge) {
        this.jdbi = jdbi;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * Registers a {@code shoplink.syncs} gauge for each state and the scheduler's two gauges.
     *
     * @param states every state a sync run can have (its {@code SyncState} names), so that a state no run is in reads 0
     */
    public static SyncGauges register(MeterRegistry registry, Jdbi jdbi, List<String> states, Duration maxAge) {
        SyncGauges gauges = new SyncGauges(jdbi, maxAge);
        for (String state : states) {
            Gauge.builder(SYNCS, gauges, g -> g.current().syncs(state))
                    .description("Sync runs in the database by state").tag("state", state)
                    .strongReference(true).register(registry);
        }
        Gauge.builder(SCHEDULER_TASKS, gauges, g -> g.current().tasks(false))
                .description("db-scheduler task rows: waiting to run (queued) or being run (picked)").tag("state", "queued")
                .strongReference(true).register(registry);
        Gauge.builder(SCHEDULER_TASKS, gauges, g -> g.current().tasks(true))
                .description("db-scheduler task rows: waiting to run (queued) or being run (picked)").tag("state", "picked")
                .strongReference(true).register(registry);
        return gauges;
    }

    private synchronized Counts current() {
        long now = System.nanoTime();
        if (counts == null || now - counts.readAt() > maxAgeNanos) {
            counts = read(now);
        }
        return counts;
    }

    private Counts read(long now) {
        try {
            return jdbi.withHandle(h -> {
                Map<String, Long> syncs = new HashMap<>();
                h.createQuery("select state, count(*) as n from sync_run group by state")
                        .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                        .forEach(e -> syncs.put(e.getKey(), e.getValue()));
                Map<Boolean, Long> tasks = new HashMap<>();
                h.createQuery("select picked, count(*) as n from scheduled_tasks group by picked")
                        .map((rs, ctx) -> Map.entry(rs.getBoolean("picked"), rs.getLong("n")))
                        .forEach(e -> tasks.put(e.getKey(), e.getValue()));
                return new Counts(now, syncs, tasks, true);
            });
        } catch (RuntimeException e) {
            // a scrape must not fail because the database is away: the gauges read NaN until it is back
            LOG.warn("cannot count sync runs for the metrics: {}", e.getMessage());
            return new Counts(now, Map.of(), Map.of(), false);
        }
    }

    private record Counts(long readAt, Map<String, Long> syncs, Map<Boolean, Long> tasks, boolean ok) {
        double syncs(String state) {
            return ok ? syncs.getOrDefault(state, 0L) : Double.NaN;
        }

        double tasks(boolean picked) {
            return ok ? tasks.getOrDefault(picked, 0L) : Double.NaN;
        }
    }
}
