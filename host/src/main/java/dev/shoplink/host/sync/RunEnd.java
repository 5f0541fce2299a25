package dev.shoplink.host.sync;

import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.integrations.IntegrationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run: its state and error, and the integration's status, in one transaction under the integration's
 * row lock; ended only while the run is still this host's.
 */
final class RunEnd {
    // the worker's logger: a run's lines stay under one name however its steps are split
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    private final Jdbi jdbi;
    private final String hostId;
    private final Clock clock;
    private final SyncRepository runs = new SyncRepository();
    private final IntegrationRepository integrationRows = new IntegrationRepository();

    RunEnd(Jdbi jdbi, String hostId, Clock clock) {
        this.jdbi = jdbi;
        this.hostId = hostId;
        this.clock = clock;
    }

    /** Fails the run with the reason, which the integration's status shows too. */
    void fail(long syncId, long integrationId, IntegrationStatus status, String reason) {
        LOG.warn("sync {} failed: {}", syncId, reason);
        finish(syncId, integrationId, SyncState.FAILED, Optional.of(reason), status);
    }

    /** @param status the integration's new status; null to leave it */
    void finish(long syncId, long integrationId, SyncState state, Optional<String> error, IntegrationStatus status) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            integrationRows.lock(h, integrationId);
            if (!runs.owner(h, syncId).map(hostId::equals).orElse(false)) {
                LOG.warn("sync {} is run by another host now; this host does not end it", syncId);
                return;
            }
            runs.finish(h, syncId, state, error, now);
            if (status != null) {
                // the integration's status_detail column is shorter than the run's error; an overlong detail must
                // not roll back the run's end and leave it RUNNING
                integrationRows.updateStatus(h, integrationId, status,
                        error.map(e -> e.length() <= 2000 ? e : e.substring(0, 2000)).orElse(null));
            }
            if (state == SyncState.SUCCEEDED) {
                integrationRows.syncFinished(h, integrationId, now);
            }
        });
    }
}
