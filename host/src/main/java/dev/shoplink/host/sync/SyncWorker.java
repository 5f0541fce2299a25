package dev.shoplink.host.sync;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.integrations.Integration;
import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.integrations.IntegrationService;
import dev.shoplink.host.integrations.IntegrationStatus;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.metrics.LogContext;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.ConnectorFailureException;
import dev.shoplink.host.plugins.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sync page by page. Each page's rows, the cursor to resume from and the progress
 * commit in one transaction, so a crash or restart continues after the last committed page and
 * upserts keep every row exactly once. Rate limits are waited out, shop outages retried with
 * exponential backoff and jitter, and everything else fails the run with the reason.
 */
@Singleton
public final class SyncWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    private final Jdbi jdbi;
    private final SyncRepository runs = new SyncRepository();
    private final IntegrationRepository integrationRows = new IntegrationRepository();
    private final ListingRepository listings = new ListingRepository();
    private final OrderRepository orders = new OrderRepository();
    private final IntegrationService integrations;
    private final PluginHost plugins;
    private final HostConfig config;
    private final Clock clock;
    private final ShopMetrics metrics;
    /** Who this host is in {@code sync_run.owner}: a run claimed by another host since is left to it. */
    private final String hostId = HostIdentity.next();
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Inject
    public SyncWorker(Jdbi jdbi, IntegrationService integrations, PluginHost plugins, HostConfig config, Clock clock,
                      ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.integrations = integrations;
        this.plugins = plugins;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Asks every run to stop at its next page boundary: a page being fetched is committed (or dropped
     * whole), waits for a rate limit or a retry end at once, and the run stays active to resume later.
     */
    public void stopAtPageBoundary() {
        stopping.countDown();
    }

    private boolean stopRequested() {
        return stopping.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    /** Runs (or resumes) the sync until it succeeds, fails, is taken over by another host or the host stops. */
    public void run(long syncId) {
        // every line logged on this thread during the run carries the sync's (and the integration's) id
        try (LogContext.Scope ignored = LogContext.sync(syncId)) {
            runLogged(syncId);
        }
    }

    private void runLogged(long syncId) {
        Optional<SyncRun> initial = jdbi.withHandle(h -> runs.find(h, syncId));
        if (initial.isEmpty() || !initial.get().state().active()) {
            return;
        }
        long integrationId = initial.get().integrationId();
        LogContext.integration(integrationId);
        // claimed under the integration's row lock, as every page commit and the run's end check the claim under it:
        // a host that lost its heartbeat (and so this run) but still runs commits nothing after this
        jdbi.useTransaction(h -> {
            integrationRows.lock(h, integrationId);
            runs.claim(h, syncId, hostId);
        });
        Optional<Integration> found = integrations.find(integrationId);
        if (found.isEmpty() || found.get().disconnected()) {
            finish(syncId, integrationId, SyncState.FAILED, Optional.of("the integration was disconnected"), null);
            return;
        }
        Integration integration = found.get();
        Optional<ConnectorEntry> entry = plugins.connector(integration.connector());
        if (entry.isEmpty()) {
            fail(syncId, integrationId, IntegrationStatus.ERROR, "the '" + integration.connector()
                    + "' connector plugin is not loaded; check GET /api/v1/plugins");
            return;
        }
        ShopConnector connector = entry.get().connector();
        String shop = entry.get().descriptor().name();
        Connection connection;
        try {
            connection = integrations.connection(integration, entry.get().descriptor());
        } catch (IllegalStateException e) {
            fail(syncId, integrationId, IntegrationStatus.ERROR, e.getMessage());
            return;
        }
        Instant start = integration.syncStartDate().atStartOfDay(config.zone()).toInstant();
        if (!waitOutPersistedPause(initial.get())) {
            return;
        }
        jdbi.useHandle(h -> runs.running(h, syncId, clock.instant()));
        LOG.info("sync {} of integration {} running ({})", syncId, integrationId, initial.get().scope());

        // listings of this shop that orders of this run named and that are stored and offered, or that the shop
        // does not have: later pages need not look them up (or ask the shop for them) again
        Set<String> settled = new HashSet<>();
        while (!stopRequested()) {
            SyncRun run = jdbi.withHandle(h -> runs.find(h, syncId)).orElseThrow();
            if (!run.state().active()) {
                LOG.info("sync {} stopped: {}", syncId, run.error().orElse(run.state().name()));
                return;
            }
            if (!ownedHere(syncId)) {
                return;
            }
            try {
                switch (run.phase()) {
                    case PRODUCTS -> productPage(run, integration, connector, connection, start);
                    case ORDERS -> orderPage(run, integration, connector, connection, start, settled);
                    case DONE -> {
                        finish(syncId, integrationId, SyncState.SUCCEEDED, Optional.empty(), IntegrationStatus.CONNECTED);
                        LOG.info("sync {} succeeded: {} pages, {} items", syncId, run.pagesDone(), run.items());
                        return;
                    }
                    default -> throw new IllegalStateException("unknown phase " + run.phase());
                }
            } catch (RateLimitedException e) {
                Duration wait = e.retryAfter().isNegative() ? Duration.ZERO : e.retryAfter();
                jdbi.useHandle(h -> runs.waiting(h, syncId, clock.instant().plus(wait)));
                LOG.info("sync {}: {} rate limit reached, waiting {} ms", syncId, shop, wait.toMillis());
                if (!sleep(wait)) {
                    return;
                }
                jdbi.useHandle(h -> runs.running(h, syncId, clock.instant()));
            } catch (ShopUnavailableException e) {
                String reason = shop + " unavailable: " + e.getMessage();
                int attempts = jdbi.withHandle(h -> runs.failedAttempt(h, syncId, reason));
                if (attempts >= config.syncMaxAttempts()) {
                    fail(syncId, integrationId, IntegrationStatus.ERROR, reason + " (gave up after " + attempts + " attempts)");
                    return;
                }
                Duration backoff = backoff(attempts);
                LOG.warn("sync {}: {}; attempt {} of {}, retrying in {} ms", syncId, reason, attempts,
                        config.syncMaxAttempts(), backoff.toMillis());
                if (!sleep(backoff)) {
                    return;
                }
            } catch (InvalidCredentialsException e) {
                fail(syncId, integrationId, IntegrationStatus.CREDENTIALS_INVALID, shop + " rejected the stored credentials ("
                        + e.getMessage() + "); send new keys with PATCH /api/v1/integrations/" + integrationId);
                return;
            } catch (ApiAccessDeniedException e) {
                fail(syncId, integrationId, IntegrationStatus.ERROR, e.getMessage());
                return;
            } catch (MalformedResponseException e) {
                fail(syncId, integrationId, IntegrationStatus.ERROR, shop + " answered something unexpected: " + e.getMessage());
                return;
            } catch (ConnectorFailureException e) {
                // a bug in the connector: its own message, credentials already masked by the plugin host's guard
                fail(syncId, integrationId, IntegrationStatus.ERROR, e.getMessage());
                return;
            } catch (RuntimeException e) {
                // the exception may quote SQL with row values (customers' names and addresses): log it, show a reference
                String incident = UUID.randomUUID().toString();
                LOG.error("sync {} failed (incident {})", syncId, incident, e);
                fail(syncId, integrationId, IntegrationStatus.ERROR, "sync failed unexpectedly; the log has the details"
                        + " under incident " + incident);
                return;
            }
        }
    }

    private void productPage(SyncRun run, Integration integration, ShopConnector connector, Connection connection, Instant start) {
        Page<Listing> page = metrics.call(integration.connector(), "listings",
                () -> connector.listings(connection, ListingQuery.everything(), cursor(run)));
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            if (!stillActive(h, run)) {
                return;
            }
            listings.upsert(h, integration.id(), integration.shopKey(), page.items(), start, false, run.id(), now);
            runs.pageDone(h, run.id(), page.next().map(Cursor::value), page.totalPages().isPresent()
                    ? Optional.of(page.totalPages().getAsInt()) : Optional.empty(), page.items().size());
            h.afterCommit(() -> metrics.page(integration.connector(), "products", page.items().size()));
            if (!page.hasNext()) {
                int vanished = listings.markVanished(h, integration.id(), run.id());
                if (vanished > 0) {
                    LOG.info("sync {}: {} listings no longer in the shop, marked inactive", run.id(), vanished);
                }
                runs.nextPhase(h, run.id(), run.scope() == SyncScope.ALL ? SyncPhase.ORDERS : SyncPhase.DONE);
            }
        });
    }

    private void orderPage(SyncRun run, Integration integration, ShopConnector connector, Connection connection, Instant start,
                           Set<String> settled) {
        SyncRun current = run;
        if (run.watermark().isEmpty()) {
            // the phase starts: fix the window now so that a resumed run reads exactly the same one
            Instant watermark = clock.instant();
            Optional<Instant> since = integrations.find(integration.id()).flatMap(Integration::ordersWatermark)
                    .map(w -> w.minus(config.ordersOverlap()));
            jdbi.useHandle(h -> runs.ordersWindow(h, run.id(), since, watermark));
            current = jdbi.withHandle(h -> runs.find(h, run.id())).orElseThrow();
        }
        SyncRun r = current;
        OrderQuery query = r.ordersSince().map(since -> OrderQuery.modifiedSince(start, since))
                .orElse(OrderQuery.placedSince(start));
        Page<ShopOrder> page = metrics.call(integration.connector(), "orders",
                () -> connector.orders(connection, query, cursor(r)));

        // a shop paging over a changing list may report an order twice on one page: its latest version counts
        Map<String, ShopOrder> latest = new LinkedHashMap<>();
        page.items().forEach(o -> latest.merge(o.externalId(), o, (a, b) -> b.modifiedAt().isBefore(a.modifiedAt()) ? a : b));
        // orders on hold are not imported; orders placed before the start date never are, even when modified later
        List<ShopOrder> keep = latest.values().stream()
                .filter(o -> o.state() != OrderState.ON_HOLD && !o.placedAt().isBefore(start)).toList();
        Set<String> referenced = new LinkedHashSet<>();
        keep.forEach(o -> o.lines().stream().map(OrderLine::listingExternalId).filter(id -> !id.isEmpty()).forEach(referenced::add));
        List<String> unsettled = referenced.stream().filter(id -> !settled.contains(id)).toList();
        Map<String, Boolean> known = jdbi.withHandle(h -> listings.offeredByExternalId(h, integration.shopKey(), unsettled));
        List<String> toOffer = unsettled.stream().filter(id -> Boolean.FALSE.equals(known.get(id))).toList();
        for (String externalId : unsettled) {
            if (!known.containsKey(externalId)) {
                // a listing older than the start date (or never listed): fetch it so the wizard can offer it. Each is
                // stored at once, so that a rate limit on the next lookup (and the page's retry) does not ask again
                Optional<Listing> fetched = metrics.call(integration.connector(), "listing",
                        () -> connector.listing(connection, externalId));
                if (fetched.isPresent()) {
                    boolean active = jdbi.inTransaction(h -> {
                        if (!stillActive(h, r)) {
                            return false;
                        }
                        listings.upsert(h, integration.id(), integration.shopKey(), List.of(fetched.get()), start, true,
                                r.id(), clock.instant());
                        return true;
                    });
                    if (!active) {
                        return; // stopped (a disconnect): no more of the shop's rate limit spent on this page
                    }
                } else {
                    settled.add(externalId);
                }
            }
        }
        Instant now = clock.instant();
        boolean committed = jdbi.inTransaction(h -> {
            if (!stillActive(h, r)) {
                return false;
            }
            listings.offer(h, integration.shopKey(), toOffer);
            orders.upsert(h, integration.id(), integration.shopKey(), keep, now);
            runs.pageDone(h, r.id(), page.next().map(Cursor::value), page.totalPages().isPresent()
                    ? Optional.of(page.totalPages().getAsInt()) : Optional.empty(), keep.size());
            h.afterCommit(() -> metrics.page(integration.connector(), "orders", keep.size()));
            if (!page.hasNext()) {
                integrationRows.advanceOrdersWatermark(h, integration.id(), r.watermark().orElseThrow());
                runs.nextPhase(h, r.id(), SyncPhase.DONE);
            }
            return true;
        });
        if (committed) {
            settled.addAll(referenced);
        }
    }

    /**
     * Takes the integration's row lock (as a disconnect does, and in the same order: integration, then run) and
     * checks that the run was not stopped while its page was being fetched; a stopped run writes nothing more,
     * so a disconnect's archive or purge sees every row the run will ever write.
     */
    private boolean stillActive(Handle h, SyncRun run) {
        integrationRows.lock(h, run.integrationId());
        boolean active = runs.find(h, run.id()).map(r -> r.state().active()).orElse(false);
        if (!active) {
            LOG.info("sync {} was stopped while a page was fetched; the page is dropped", run.id());
            return false;
        }
        Optional<String> owner = runs.owner(h, run.id());
        if (!owner.map(hostId::equals).orElse(false)) {
            LOG.warn("sync {} was taken over by {} while this host fetched a page; the page is dropped", run.id(),
                    owner.orElse("another host"));
            return false;
        }
        return true;
    }

    private boolean ownedHere(long syncId) {
        Optional<String> owner = jdbi.withHandle(h -> runs.owner(h, syncId));
        if (owner.map(hostId::equals).orElse(false)) {
            return true;
        }
        LOG.warn("sync {} is now run by {}; this host leaves it", syncId, owner.orElse("another host"));
        return false;
    }

    /** This host's name in {@code sync_run.owner}. */
    public String hostId() {
        return hostId;
    }

    private static Cursor cursor(SyncRun run) {
        return run.cursor().map(Cursor::of).orElse(Cursor.start());
    }

    private boolean waitOutPersistedPause(SyncRun run) {
        if (run.state() == SyncState.WAITING_RATE_LIMIT && run.waitUntil().isPresent()) {
            Duration left = Duration.between(clock.instant(), run.waitUntil().get());
            if (!left.isNegative()) {
                return sleep(left);
            }
        }
        return true;
    }

    private Duration backoff(int attempts) {
        long base = config.syncRetryBase().toMillis() * (1L << Math.min(attempts - 1, 10));
        long capped = Math.min(base, Duration.ofMinutes(5).toMillis());
        // full jitter between half and the whole delay, so several hosts do not retry in lockstep
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** Waits; false when the host is stopping (the wait ends at once then). */
    private boolean sleep(Duration d) {
        try {
            return !stopping.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS) && !Thread.currentThread().isInterrupted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void fail(long syncId, long integrationId, IntegrationStatus status, String reason) {
        LOG.warn("sync {} failed: {}", syncId, reason);
        finish(syncId, integrationId, SyncState.FAILED, Optional.of(reason), status);
    }

    private void finish(long syncId, long integrationId, SyncState state, Optional<String> error, IntegrationStatus status) {
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
