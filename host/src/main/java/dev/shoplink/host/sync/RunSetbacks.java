package dev.shoplink.host.sync;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.db.StoreErrors;
import dev.shoplink.host.integrations.IntegrationStatus;
import dev.shoplink.host.plugins.ConnectorFailureException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run does after a page or an attempt failed: wait out a rate limit, retry a shop outage or an error of the
 * store with exponential backoff (with jitter) up to {@link HostConfig#syncMaxAttempts()} attempts, or fail with the
 * reason. Each answer is the wait before the run is due again, empty when it is not (failed, or stopped).
 */
final class RunSetbacks {
    // the worker's logger: a run's lines stay under one name however its steps are split
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    private final Jdbi jdbi;
    private final HostConfig config;
    private final Clock clock;
    private final RunEnd end;
    private final SyncRepository runs = new SyncRepository();

    RunSetbacks(Jdbi jdbi, HostConfig config, Clock clock, RunEnd end) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
        this.end = end;
    }

    /**
     * A page that failed: a rate limit waits, an outage backs off (until the attempts run out), a shop's refusal or a
     * connector's failure fails the run with its reason, a stop interrupting the fetch ends the execution. An error of
     * the store that a retry gets past is thrown on ({@link #afterError}); any other error fails the run, its
     * exception logged under an incident the run's error names.
     */
    Optional<Duration> afterPage(long syncId, long integrationId, String shop, RuntimeException failure) {
        if (failure instanceof RateLimitedException e) {
            Duration wait = e.retryAfter().isNegative() ? Duration.ZERO : e.retryAfter();
            jdbi.useHandle(h -> runs.waiting(h, syncId, clock.instant().plus(wait)));
            LOG.info("sync {}: {} rate limit reached, waiting {} ms", syncId, shop, wait.toMillis());
            return Optional.of(wait);
        } else if (failure instanceof ShopUnavailableException e) {
            return afterOutage(syncId, integrationId, shop + " unavailable: " + e.getMessage());
        } else if (failure instanceof InvalidCredentialsException e) {
            end.fail(syncId, integrationId, IntegrationStatus.CREDENTIALS_INVALID, shop + " rejected the stored credentials ("
                    + e.getMessage() + "); send new keys with PATCH /api/v1/integrations/" + integrationId);
        } else if (failure instanceof MalformedResponseException e) {
            end.fail(syncId, integrationId, IntegrationStatus.ERROR, shop + " answered something unexpected: " + e.getMessage());
        } else if (failure instanceof ApiAccessDeniedException || failure instanceof ConnectorFailureException) {
            // their own message; a connector's bug has its credentials already masked by the plugin host's guard
            end.fail(syncId, integrationId, IntegrationStatus.ERROR, failure.getMessage());
        } else if (failure instanceof CancellationException) {
            // the host is stopping and interrupted the page's fetch: nothing of it was written
            return Optional.empty();
        } else if (StoreErrors.isTransient(failure)) {
            // a lock not granted in time, a deadlock, a lost connection: the page's transaction was rolled
            // back, so the run resumes after its last committed page when the scheduler retries it (SyncScheduler)
            throw failure;
        } else {
            // the exception may quote SQL with row values (customers' names and addresses): log it, show a reference
            String incident = UUID.randomUUID().toString();
            LOG.error("sync {} failed (incident {})", syncId, incident, failure);
            end.fail(syncId, integrationId, IntegrationStatus.ERROR, "sync failed unexpectedly; the log has the details"
                    + " under incident " + incident);
        }
        return Optional.empty();
    }

    private Optional<Duration> afterOutage(long syncId, long integrationId, String reason) {
        int attempts = jdbi.withHandle(h -> runs.failedAttempt(h, syncId, reason));
        if (attempts >= config.syncMaxAttempts()) {
            end.fail(syncId, integrationId, IntegrationStatus.ERROR, reason + " (gave up after " + attempts + " attempts)");
            return Optional.empty();
        }
        Duration backoff = backoff(attempts);
        LOG.warn("sync {}: {}; attempt {} of {}, retrying in {} ms", syncId, reason, attempts,
                config.syncMaxAttempts(), backoff.toMillis());
        return Optional.of(backoff);
    }

    /** See {@link SyncWorker#afterError}. */
    Optional<Duration> afterError(long syncId, int attempts, Throwable error) {
        String incident = UUID.randomUUID().toString();
        if (attempts < config.syncMaxAttempts()) {
            Duration wait = backoff(attempts);
            LOG.warn("sync {}: attempt {} of {} ended by an error (incident {}); it resumes after its last committed page"
                    + " in {} ms", syncId, attempts, config.syncMaxAttempts(), incident, wait.toMillis(), error);
            return Optional.of(wait);
        }
        LOG.warn("sync {}: attempt {} of {} ended by an error (incident {}); giving up", syncId, attempts,
                config.syncMaxAttempts(), incident, error);
        try {
            Optional<SyncRun> run = jdbi.withHandle(h -> runs.find(h, syncId));
            if (run.isPresent() && run.get().state().active()) {
                end.fail(syncId, run.get().integrationId(), IntegrationStatus.ERROR, "the sync failed " + attempts
                        + " times in a row on an error of the database; the log has the details under incident " + incident);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            // the store cannot even take the run's end: it stays active and is tried again
            LOG.warn("sync {}: could not record its failure; trying again", syncId, e);
            return Optional.of(backoff(attempts));
        }
    }

    /** The wait before attempt {@code attempts + 1} of a run that failed {@code attempts} times in a row. */
    Duration backoff(int attempts) {
        long base = config.syncRetryBase().toMillis() * (1L << Math.min(attempts - 1, 10));
        long capped = Math.min(base, Duration.ofMinutes(5).toMillis());
        // "equal jitter": half the backoff plus a random share of the other half (never less than half, unlike
        // full jitter), so several hosts do not retry in lockstep
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
