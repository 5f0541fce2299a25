package dev.shoplink.host.sync;

import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.integrations.Integration;
import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.integrations.IntegrationService;
import dev.shoplink.host.integrations.IntegrationStatus;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.metrics.LogContext;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Runs one sync page by page, in three stages: <b>fetch</b> ({@link PageFetcher}: the connector call; the next
 * page is fetched while the current one is written, one page ahead at most), <b>map</b> ({@link OrderImportRules}
 * and {@link ReferencedListings}: window, on-hold, duplicates, the listings orders name) and <b>write</b>
 * ({@link PageWriter}: each page's rows, the cursor to resume from and the progress commit in one transaction, so
 * a crash or restart continues after the last committed page and upserts keep every row exactly once).
 * Rate limits and shop outages (exponential backoff with jitter) end the execution with the time to wait, and
 * {@link SyncScheduler} runs the sync again after it: no thread waits. Everything else fails the run with the reason
 * ({@link RunSetbacks} tells which; {@link RunEnd} ends a run).
 */
@Singleton
public final class SyncWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    private final Jdbi jdbi;
    private final SyncRepository runs = new SyncRepository();
    private final IntegrationRepository integrationRows = new IntegrationRepository();
    private final ListingRepository listings = new ListingRepository();
    private final IntegrationService integrations;
    private final PluginHost plugins;
    private final HostConfig config;
    private final Clock clock;
    private final ShopMetrics metrics;
    /** Who this host is in {@code sync_run.owner}: a run claimed by another host since is left to it. */
    private final String hostId = HostIdentity.next();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final PageWriter writer;
    private final RunEnd end;
    private final RunSetbacks setbacks;

    @Inject
    public SyncWorker(Jdbi jdbi, IntegrationService integrations, PluginHost plugins, HostConfig config, Clock clock,
                      ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.integrations = integrations;
        this.plugins = plugins;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.writer = new PageWriter(jdbi, config.jdbcUrl().startsWith("jdbc:postgresql:"), hostId, clock, metrics);
        this.end = new RunEnd(jdbi, hostId, clock);
        this.setbacks = new RunSetbacks(jdbi, config, clock, end);
    }

    /**
     * Asks every run to stop at its next page boundary: a page being fetched is committed (or dropped
     * whole), a page fetched ahead is dropped, and the run stays active to resume later. (A run waiting for a
     * rate limit or a retry holds no thread: it is a scheduled task that runs again when its wait is over.)
     */
    public void stopAtPageBoundary() {
        stopping.countDown();
    }

    private boolean stopRequested() {
        return stopping.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    /**
     * Runs (or resumes) the sync until it succeeds, fails, is taken over by another host, the host stops, or it
     * has to wait. Waiting holds no thread: the answer is how long to wait (a rate limit, or the backoff before a
     * retry) before running it again; empty when there is nothing to wait for (the run ended, is another host's,
     * or stopped at a page boundary and resumes whenever it is run next).
     */
    public Optional<Duration> run(long syncId) {
        // every line logged on this thread during the run carries the sync's (and the integration's) id
        try (LogContext.Scope ignored = LogContext.sync(syncId)) {
            return runLogged(syncId);
        }
    }

    private Optional<Duration> runLogged(long syncId) {
        Optional<SyncRun> initial = jdbi.withHandle(h -> runs.find(h, syncId));
        if (initial.isEmpty() || !initial.get().state().active()) {
            return Optional.empty();
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
            end.finish(syncId, integrationId, SyncState.FAILED, Optional.of("the integration was disconnected"), null);
            return Optional.empty();
        }
        Integration integration = found.get();
        Optional<ConnectorEntry> entry = plugins.connector(integration.connector());
        if (entry.isEmpty()) {
            end.fail(syncId, integrationId, IntegrationStatus.ERROR, "the '" + integration.connector()
                    + "' connector plugin is not loaded; check GET /api/v1/plugins");
            return Optional.empty();
        }
        Connection connection;
        try {
            connection = integrations.connection(integration, entry.get().descriptor());
        } catch (IllegalStateException e) {
            end.fail(syncId, integrationId, IntegrationStatus.ERROR, e.getMessage());
            return Optional.empty();
        }
        Optional<Duration> pause = persistedPause(initial.get());
        if (pause.isPresent()) {
            return pause;
        }
        jdbi.useHandle(h -> runs.running(h, syncId, clock.instant()));
        LOG.info("sync {} of integration {} running ({})", syncId, integrationId, initial.get().scope());
        // a run whose rate-limit wait is over sends the first request of its new window and then lets the runs whose
        // waits ended meanwhile send theirs, instead of holding the thread for its whole window while their windows
        // stay unopened (with many shops due at once, the last ones' budgets would go unused for that long)
        boolean onePage = initial.get().state() == SyncState.WAITING_RATE_LIMIT;
        Stages stages = new Stages(integration, entry.get().connector(), entry.get().descriptor().name(), connection,
                integration.sync().startDate().atStartOfDay(config.zone()).toInstant(),
                new PageFetcher("sync-fetch-" + syncId), new ReferencedListings(), onePage);
        try (stages.fetcher) {
            return pages(syncId, stages);
        }
    }

    /**
     * What a run needs on every page: the shop, its connector, the start of the sync window and the stages' state.
     * {@code onePage}: write one page (fetching none ahead, which would spend budget on a page dropped when the run
     * yields), then give the thread back: the run is due again at once, behind the runs due before it.
     */
    private record Stages(Integration integration, ShopConnector connector, String shop, Connection connection, Instant start,
                          PageFetcher fetcher, ReferencedListings listings, boolean onePage) {
    }

    /** One page request: a page fetched ahead is used only for exactly the request the run makes next. */
    private record Request(SyncPhase phase, Optional<Instant> ordersSince, Optional<String> cursor) {
    }

    private Optional<Duration> pages(long syncId, Stages s) {
        long integrationId = s.integration().id();
        while (!stopRequested()) {
            SyncRun run = jdbi.withHandle(h -> runs.find(h, syncId)).orElseThrow();
            if (!run.state().active()) {
                LOG.info("sync {} stopped: {}", syncId, run.setback().error().orElse(run.state().name()));
                return Optional.empty();
            }
            if (!run.owner().map(hostId::equals).orElse(false)) {
                LOG.warn("sync {} is now run by {}; this host leaves it", syncId, run.owner().orElse("another host"));
                return Optional.empty();
            }
            try {
                switch (run.phase()) {
                    case PRODUCTS -> productPage(run, s);
                    case ORDERS -> orderPage(run, s);
                    case DONE -> {
                        end.finish(syncId, integrationId, SyncState.SUCCEEDED, Optional.empty(), IntegrationStatus.CONNECTED);
                        LOG.info("sync {} succeeded: {} pages, {} items", syncId, run.progress().pagesDone(),
                                run.progress().items());
                        return Optional.empty();
                    }
                    default -> throw new IllegalStateException("unknown phase " + run.phase());
                }
                if (s.onePage()) {
                    return Optional.of(Duration.ZERO);
                }
            } catch (RuntimeException e) {
                return setbacks.afterPage(syncId, integrationId, s.shop(), e);
            }
        }
        return Optional.empty();
    }

    private void productPage(SyncRun run, Stages s) {
        Page<Listing> page = s.fetcher().take(new Request(SyncPhase.PRODUCTS, Optional.empty(), run.progress().cursor()),
                () -> listingsPage(s, cursor(run.progress().cursor())));
        if (!s.onePage() && page.hasNext() && !stopRequested()) {
            Optional<String> next = page.next().map(Cursor::value);
            s.fetcher().fetchAhead(new Request(SyncPhase.PRODUCTS, Optional.empty(), next), () -> listingsPage(s, cursor(next)));
        }
        writer.products(run, s.integration(), page, s.start());
    }

    private Page<Listing> listingsPage(Stages s, Cursor cursor) {
        return metrics.call(s.integration().connector(), "listings",
                () -> s.connector().listings(s.connection(), ListingQuery.everything(), cursor));
    }

    private void orderPage(SyncRun run, Stages s) {
        SyncRun r = run;
        if (run.ordersWindow().watermark().isEmpty()) {
            // the phase starts: fix the window now so that a resumed run reads exactly the same one
            Instant watermark = clock.instant();
            Optional<Instant> since = integrations.find(s.integration().id()).flatMap(i -> i.sync().ordersWatermark())
                    .map(w -> w.minus(config.ordersOverlap()));
            jdbi.useHandle(h -> runs.ordersWindow(h, run.id(), since, watermark));
            r = jdbi.withHandle(h -> runs.find(h, run.id())).orElseThrow();
        }
        SyncRun current = r;
        Optional<Instant> ordersSince = current.ordersWindow().ordersSince();
        OrderQuery query = ordersSince.map(since -> OrderQuery.modifiedSince(s.start(), since))
                .orElse(OrderQuery.placedSince(s.start()));
        // fetch
        Page<ShopOrder> page = s.fetcher().take(new Request(SyncPhase.ORDERS, ordersSince, current.progress().cursor()),
                () -> ordersPage(s, query, cursor(current.progress().cursor())));
        // map: the import rules, then the listings the orders name (the shop is asked for those the store lacks)
        OrderImportRules.Mapped mapped = OrderImportRules.map(page.items(), s.start());
        Optional<List<String>> toOffer = s.listings().resolve(mapped.referencedListings(),
                ids -> jdbi.withHandle(h -> listings.offeredByExternalId(h, s.integration().shop().key(), ids)),
                id -> metrics.call(s.integration().connector(), "listing", () -> s.connector().listing(s.connection(), id)),
                listing -> writer.fetchedListing(current, s.integration(), listing, s.start()));
        if (toOffer.isEmpty()) {
            return;
        }
        // the next page is fetched while this one is written (no other shop call of the run runs meanwhile)
        if (!s.onePage() && page.hasNext() && !stopRequested()) {
            Optional<String> next = page.next().map(Cursor::value);
            s.fetcher().fetchAhead(new Request(SyncPhase.ORDERS, ordersSince, next),
                    () -> ordersPage(s, query, cursor(next)));
        }
        // write
        if (writer.orders(current, s.integration(), page, mapped.keep(), toOffer.get())) {
            s.listings().settle(mapped.referencedListings());
        }
    }

    private Page<ShopOrder> ordersPage(Stages s, OrderQuery query, Cursor cursor) {
        return metrics.call(s.integration().connector(), "orders", () -> s.connector().orders(s.connection(), query, cursor));
    }

    /**
     * A run ended by an exception instead of an answer ({@link #run} lets errors of the store through, see
     * {@link StoreErrors}; nothing of the page that met one was committed): the wait before the scheduler runs it
     * again, backing off like a shop outage, or empty once it has failed {@code attempts} times in a row — the run
     * is then FAILED, its error a reference to the log, where every attempt's exception is.
     */
    Optional<Duration> afterError(long syncId, int attempts, Throwable error) {
        return setbacks.afterError(syncId, attempts, error);
    }

    /** This host's name in {@code sync_run.owner}. */
    public String hostId() {
        return hostId;
    }

    private static Cursor cursor(Optional<String> value) {
        return value.map(Cursor::of).orElse(Cursor.start());
    }

    /** The rest of a rate-limit wait recorded before (by this host's previous life, or another host). */
    private Optional<Duration> persistedPause(SyncRun run) {
        if (run.state() == SyncState.WAITING_RATE_LIMIT && run.setback().waitUntil().isPresent()) {
            Duration left = Duration.between(clock.instant(), run.setback().waitUntil().get());
            if (!left.isNegative() && !left.isZero()) {
                return Optional.of(left);
            }
        }
        return Optional.empty();
    }
}
