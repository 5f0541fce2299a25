package dev.shoplink.host.sync;

import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.integrations.Integration;
import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.orders.OrderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write stage: one transaction per page, holding the page's rows, the cursor to resume from and the
 * progress, committed only while the run is still active and still this host's (checked under the
 * integration's row lock, as a disconnect and a takeover take it). A page of a stopped or taken-over run
 * is dropped whole.
 */
final class PageWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    private final Jdbi jdbi;
    private final String hostId;
    private final Clock clock;
    private final ShopMetrics metrics;
    private final SyncRepository runs = new SyncRepository();
    private final IntegrationRepository integrationRows = new IntegrationRepository();
    private final ListingRepository listings = new ListingRepository();
    private final OrderRepository orders = new OrderRepository();
    private final boolean postgres;

    PageWriter(Jdbi jdbi, boolean postgres, String hostId, Clock clock, ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.postgres = postgres;
        this.hostId = hostId;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Stores a page of listings; the last page marks the listings the shop no longer has and moves to the next phase. */
    boolean products(SyncRun run, Integration integration, Page<Listing> page, Instant start) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (!begin(h, run)) {
                return false;
            }
            listings.upsert(h, integration.id(), integration.shop().key(), page.items(), start, false, run.id(), now);
            pageDone(h, run, page, page.items().size());
            h.afterCommit(() -> metrics.page(integration.connector(), "products", page.items().size()));
            if (!page.hasNext()) {
                int vanished = listings.markVanished(h, integration.id(), run.id());
                if (vanished > 0) {
                    LOG.info("sync {}: {} listings no longer in the shop, marked inactive", run.id(), vanished);
                }
                runs.nextPhase(h, run.id(), run.scope() == SyncScope.ALL ? SyncPhase.ORDERS : SyncPhase.DONE);
            }
            return true;
        });
    }

    /**
     * Stores a listing an order names that predates the start date, fetched from the shop so the wizard can offer
     * it. In a transaction of its own, so that a rate limit on the next lookup (and the page's retry) does not ask
     * the shop again.
     */
    boolean fetchedListing(SyncRun run, Integration integration, Listing listing, Instant start) {
        return jdbi.inTransaction(h -> {
            if (!begin(h, run)) {
                return false;
            }
            listings.upsert(h, integration.id(), integration.shop().key(), List.of(listing), start, true, run.id(),
                    clock.instant());
            return true;
        });
    }

    /**
     * Stores a page of orders and offers the listings they name that are stored but not offered yet; the last page
     * advances the integration's orders watermark and ends the run's phases.
     */
    boolean orders(SyncRun run, Integration integration, Page<ShopOrder> page, List<ShopOrder> keep,
                   Collection<String> toOffer) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (!begin(h, run)) {
                return false;
            }
            listings.offer(h, integration.shop().key(), toOffer);
            orders.upsert(h, integration.id(), integration.shop().key(), keep, now);
            pageDone(h, run, page, keep.size());
            h.afterCommit(() -> metrics.page(integration.connector(), "orders", keep.size()));
            if (!page.hasNext()) {
                integrationRows.advanceOrdersWatermark(h, integration.id(), run.ordersWindow().watermark().orElseThrow());
                runs.nextPhase(h, run.id(), SyncPhase.DONE);
            }
            return true;
        });
    }

    private void pageDone(Handle h, SyncRun run, Page<?> page, int items) {
        runs.pageDone(h, run.id(), page.next().map(Cursor::value),
                page.totalPages().isPresent() ? Optional.of(page.totalPages().getAsInt()) : Optional.empty(), items);
    }

    /**
     * Starts a page's transaction: on PostgreSQL its commit returns before its WAL reaches the disk (docs/ARCHITECTURE.md,
     * "The sync's write path", says why that is safe: the page's rows and its cursor are one transaction, which a server
     * crash loses whole and the run then reads again, and any later commit that waits for the disk carries it along);
     * then {@link #stillActive}.
     */
    private boolean begin(Handle h, SyncRun run) {
        if (postgres) {
            runs.commitWithoutWaitingForTheDisk(h);
        }
        return stillActive(h, run);
    }

    /**
     * Takes the integration's row lock (as a disconnect does, and in the same order: integration, then run) and
     * checks that the run was not stopped while its page was being fetched and is still this host's; a stopped run
     * writes nothing more, so a disconnect's archive or purge sees every row the run will ever write.
     */
    private boolean stillActive(Handle h, SyncRun run) {
        integrationRows.lock(h, run.integrationId());
        Optional<SyncRun> now = runs.find(h, run.id());
        if (now.isEmpty() || !now.get().state().active()) {
            LOG.info("sync {} was stopped while a page was fetched; the page is dropped", run.id());
            return false;
        }
        Optional<String> owner = now.get().owner();
        if (!owner.map(hostId::equals).orElse(false)) {
            LOG.warn("sync {} was taken over by {} while this host fetched a page; the page is dropped", run.id(),
                    owner.orElse("another host"));
            return false;
        }
        return true;
    }
}
