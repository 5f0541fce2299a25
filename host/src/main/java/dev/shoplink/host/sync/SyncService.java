package dev.shoplink.host.sync;

import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.domain.PageOf;
import dev.shoplink.host.integrations.Integration;
import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.integrations.IntegrationStatus;
import dev.shoplink.host.plugins.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Requests syncs (one active run per integration) and reports them. */
@Singleton
public final class SyncService {
    private final Jdbi jdbi;
    private final SyncRepository runs = new SyncRepository();
    private final IntegrationRepository integrations = new IntegrationRepository();
    private final SyncScheduler scheduler;
    private final Clock clock;
    private final PluginHost plugins;

    @Inject
    public SyncService(Jdbi jdbi, SyncScheduler scheduler, Clock clock, PluginHost plugins) {
        this.jdbi = jdbi;
        this.scheduler = scheduler;
        this.clock = clock;
        this.plugins = plugins;
    }

    /** Queues a run, or returns the one already queued or running for the integration. */
    public SyncView request(long integrationId, SyncScope scope) {
        boolean[] created = {false};
        SyncRun run = jdbi.inTransaction(h -> {
            Integration integration = integrations.lock(h, integrationId).filter(i -> !i.disconnected())
                    .orElseThrow(() -> noIntegration(integrationId));
            var active = runs.active(h, integrationId);
            if (active.isPresent()) {
                return active.get();
            }
            if (integration.status() == IntegrationStatus.CREDENTIALS_INVALID) {
                throw new ConflictException("credentials-invalid", "the shop rejected the stored credentials; send the new"
                        + " keys with PATCH /api/v1/integrations/" + integrationId + " first");
            }
            plugins.missing(integration.connector()).ifPresent(reason -> {
                throw new ConflictException("connector-missing", "Connector missing", reason);
            });
            long id = insertRun(h, integrationId, scope);
            created[0] = true;
            return runs.find(h, id).orElseThrow();
        });
        if (created[0]) {
            scheduler.enqueue(run.id());
        }
        return SyncView.of(run, clock.instant());
    }

    /**
     * Queues a run of an integration created in the caller's transaction (a switch's new integration); it is
     * handed to a worker once that transaction commits (a host stopped before that re-queues it at start-up).
     */
    public long queueInTransaction(Handle h, long integrationId, SyncScope scope) {
        long id = insertRun(h, integrationId, scope);
        h.afterCommit(() -> scheduler.enqueue(id));
        return id;
    }

    private long insertRun(Handle h, long integrationId, SyncScope scope) {
        long id = runs.insert(h, integrationId, scope, clock.instant());
        integrations.lockStartDate(h, integrationId);
        integrations.updateStatus(h, integrationId, IntegrationStatus.SYNCING, null);
        return id;
    }

    public SyncView get(long syncId) {
        return jdbi.withHandle(h -> runs.find(h, syncId)).map(r -> SyncView.of(r, clock.instant()))
                .orElseThrow(() -> new NotFoundException("no sync " + syncId));
    }

    /** The integration's runs, newest first (a disconnected integration's too). */
    public PageOf<SyncView> history(long integrationId, Paging page) {
        return jdbi.withHandle(h -> {
            integrations.find(h, integrationId).orElseThrow(() -> noIntegration(integrationId));
            Instant now = clock.instant();
            return PageOf.of(runs.history(h, integrationId, page.offset(), page.size()).stream().map(r -> SyncView.of(r, now))
                    .toList(), page, runs.count(h, integrationId));
        });
    }

    private static NotFoundException noIntegration(long id) {
        return new NotFoundException("no integration " + id);
    }
}
