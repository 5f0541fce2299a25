package dev.shoplink.host.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.shoplink.host.integrations.IntegrationRows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL of sync runs, the one writer of the {@code sync_run} table (and of db-scheduler's {@code scheduled_tasks} where the host changes it itself). */
public final class SyncRepository implements IntegrationRows.SyncRuns {
    private static final String COLUMNS = "id, integration_id, scope, state, phase, page_cursor, pages_done, phase_pages,"
            + " pages_total, items, attempts, error, wait_until, orders_since, watermark, requested_at, started_at, finished_at, owner";
    /** A row of {@link #COLUMNS} as a {@link SyncRun}; instants through the host's {@code db.UtcInstants}. */
    private static final RowMapper<SyncRun> ROW = ConstructorMapper.of(SyncRun.class);

    public Optional<SyncRun> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from sync_run where id = :id").bind("id", id)
                .map(ROW).findOne();
    }

    public Optional<SyncRun> active(Handle h, long integrationId) {
        return h.createQuery("select " + COLUMNS + " from sync_run where integration_id = :i"
                        + " and state in ('QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT') order by id fetch first 1 rows only")
                .bind("i", integrationId).map(ROW).findOne();
    }

    public List<SyncRun> allActive(Handle h) {
        return h.createQuery("select " + COLUMNS + " from sync_run where state in ('QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT') order by id")
                .map(ROW).list();
    }

    public List<SyncRun> history(Handle h, long integrationId, long offset, int limit) {
        return h.createQuery("select " + COLUMNS + " from sync_run where integration_id = :i order by id desc"
                        + " offset :o rows fetch next :l rows only")
                .bind("i", integrationId).bind("o", offset).bind("l", limit).map(ROW).list();
    }

    public long count(Handle h, long integrationId) {
        return h.createQuery("select count(*) from sync_run where integration_id = :i").bind("i", integrationId)
                .mapTo(Long.class).one();
    }

    public long insert(Handle h, long integrationId, SyncScope scope, Instant now) {
        return h.createUpdate("insert into sync_run (integration_id, scope, state, phase, requested_at)"
                        + " values (:i, :scope, 'QUEUED', :phase, :now)")
                .bind("i", integrationId).bind("scope", scope.name())
                .bind("phase", scope == SyncScope.ORDERS ? SyncPhase.ORDERS.name() : SyncPhase.PRODUCTS.name())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void running(Handle h, long id, Instant now) {
        h.createUpdate("update sync_run set state = 'RUNNING', wait_until = null, started_at = coalesce(started_at, :now)"
                        + " where id = :id and state in ('QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT')")
                .bind("id", id).bind("now", now).execute();
    }

    /** This host takes the run over: from now on only its page commits count (see {@link #owner}). */
    public void claim(Handle h, long id, String owner) {
        h.createUpdate("update sync_run set owner = :o where id = :id").bind("id", id).bind("o", owner).execute();
    }

    /** The host that last claimed the run; a host whose claim was taken over commits nothing more. */
    public Optional<String> owner(Handle h, long id) {
        return h.createQuery("select owner from sync_run where id = :id").bind("id", id).mapTo(String.class).findOne();
    }

    public void waiting(Handle h, long id, Instant until) {
        h.createUpdate("update sync_run set state = 'WAITING_RATE_LIMIT', wait_until = :u where id = :id and state = 'RUNNING'")
                .bind("id", id).bind("u", until).execute();
    }

    /**
     * Records a committed page: cursor to resume from, progress; a successful page resets the failure count.
     * The phase's total is never below the pages it has read: an empty result reports 0 pages, yet one was fetched.
     */
    /**
     * PostgreSQL only: the running transaction's commit returns before its WAL reaches the disk ({@code synchronous_commit
     * = off} for it alone). For a sync page's transaction, whose rows and cursor a server crash would lose together and
     * the run read again (docs/ARCHITECTURE.md, "The sync's write path").
     */
    public void commitWithoutWaitingForTheDisk(Handle h) {
        h.execute("set local synchronous_commit = off");
    }

    public void pageDone(Handle h, long id, Optional<String> nextCursor, Optional<Integer> phaseTotal, int items) {
        h.createUpdate("update sync_run set page_cursor = :c, pages_done = pages_done + 1, phase_pages = phase_pages + 1,"
                        + " pages_total = case when cast(:t as integer) is null then pages_total"
                        + " else pages_done - phase_pages + greatest(cast(:t as integer), phase_pages + 1) end,"
                        + " items = items + :n, attempts = 0, error = null where id = :id")
                .bind("id", id).bind("c", nextCursor.orElse(null)).bind("t", phaseTotal.orElse(null)).bind("n", items)
                .execute();
    }

    public void nextPhase(Handle h, long id, SyncPhase phase) {
        h.createUpdate("update sync_run set phase = :p, page_cursor = null, phase_pages = 0 where id = :id")
                .bind("id", id).bind("p", phase.name()).execute();
    }

    public void ordersWindow(Handle h, long id, Optional<Instant> since, Instant watermark) {
        h.createUpdate("update sync_run set orders_since = :s, watermark = :w where id = :id")
                .bind("id", id).bindByType("s", since.orElse(null), Instant.class).bind("w", watermark).execute();
    }

    public int failedAttempt(Handle h, long id, String error) {
        h.createUpdate("update sync_run set attempts = attempts + 1, error = :e where id = :id").bind("id", id)
                .bind("e", cut(error)).execute();
        return h.createQuery("select attempts from sync_run where id = :id").bind("id", id).mapTo(Integer.class).one();
    }

    public void finish(Handle h, long id, SyncState state, Optional<String> error, Instant now) {
        h.createUpdate("update sync_run set state = :s, error = :e, finished_at = :now, wait_until = null"
                        + " where id = :id and state in ('QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT')")
                .bind("id", id).bind("s", state.name()).bind("e", error.map(SyncRepository::cut).orElse(null))
                .bind("now", now).execute();
    }

    private static String cut(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000);
    }


    @Override
    public boolean anyActive(Handle h, long integrationId) {
        return active(h, integrationId).isPresent();
    }

    @Override
    public int stopActive(Handle h, long integrationId, Instant at, String reason) {
        return h.createUpdate("update sync_run set state = 'FAILED', error = :reason, finished_at = :at"
                        + " where integration_id = :id and state in ('QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT')")
                .bind("id", integrationId).bind("reason", reason).bind("at", at).execute();
    }

    /** Hands every picked task execution back to db-scheduler (the embedded store's claims of a previous, dead life); how many. */
    public int releasePickedTasks(Handle h) {
        return h.createUpdate("update scheduled_tasks set picked = false, picked_by = null,"
                + " last_heartbeat = null where picked = true").execute();
    }
}
