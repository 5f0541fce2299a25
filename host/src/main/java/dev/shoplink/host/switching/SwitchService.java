package dev.shoplink.host.switching;

import dev.shoplink.api.Listing;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.integrations.CheckedForm;
import dev.shoplink.host.integrations.Integration;
import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.integrations.IntegrationService;
import dev.shoplink.host.integrations.NewIntegration;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.listings.ListingState;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.sync.SyncScope;
import dev.shoplink.host.sync.SyncService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switching an integration to another shop in one step ({@code POST /api/v1/integrations/{id}/switch}): the new
 * shop's form is checked like a new integration's, its listings and orders are read through its connector, and
 * in one transaction the predecessor is disconnected (history kept, open orders left as they are), the new
 * integration is created, its listings are stored with the predecessor's mappings by SKU, the predecessor's orders
 * the new shop reports under the same number are linked to it, and its first full sync is queued. A dry run reads
 * the same and stores nothing.
 */
@Singleton
public final class SwitchService {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchService.class);
    /** Test hook: milliseconds the switch waits inside its transaction after its last write, before commit. */
    static final String PAUSE_PROPERTY = "shoplink.test.switchPauseMillis";

    private final Jdbi jdbi;
    private final IntegrationService integrations;
    private final SyncService syncs;
    private final HostConfig config;
    private final Clock clock;
    private final ShopMetrics metrics;
    private final ListingRepository listings = new ListingRepository();
    private final OrderRepository orders = new OrderRepository();
    private final IntegrationRepository integrationRows = new IntegrationRepository();

    @Inject
    public SwitchService(Jdbi jdbi, IntegrationService integrations, SyncService syncs, HostConfig config, Clock clock,
                         ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.integrations = integrations;
        this.syncs = syncs;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The switch to the shop of {@code newShop} (the setup form of a new integration), or with {@code dryRun} what it
     * would do. A rejected form or an unreachable shop changes nothing.
     */
    public SwitchReport switchShop(long id, NewIntegration newShop, boolean dryRun) {
        Integration predecessor = integrations.active(id);
        CheckedForm form = integrations.checkForm(newShop, id);
        if (form.shopKey().equals(predecessor.shop().key())) {
            throw new InvalidInputException("shopUrl", "is the shop this integration already connects; to change its"
                    + " keys use PATCH /api/v1/integrations/" + id);
        }
        Instant start = form.syncStartDate().atStartOfDay(config.zone()).toInstant();
        ShopSnapshot shop = ShopSnapshot.read(form.connector(), integrations.connection(form), start, metrics);
        SwitchReport.Target target = new SwitchReport.Target(form.connectorId(), form.name(), form.shopUrl(),
                form.syncStartDate().toString());
        if (dryRun) {
            Plan plan = jdbi.inTransaction(h -> plan(h, integrations.lockActive(h, id), form, shop, start));
            return new SwitchReport(true, integrations.get(id), target, plan.listings(), plan.orders(), plan.conflicts(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        Instant now = clock.instant();
        Done done = jdbi.inTransaction(h -> {
            Plan plan = plan(h, integrations.lockActive(h, id), form, shop, start);
            // the predecessor's orders the new shop never reports stay as they are: nothing is archived
            IntegrationRepository.DisconnectResult disconnected = integrations.disconnect(h, id, false, false);
            long newId = integrations.insert(h, form, Optional.of(id));
            long syncId = syncs.queueInTransaction(h, newId, SyncScope.ALL);
            listings.upsert(h, newId, form.shopKey(), shop.listings(), start, false, syncId, now);
            // the import path links them (OrderRepository.linkPredecessorOrders) and takes the new shop's reference and status
            orders.upsert(h, newId, form.shopKey(), plan.toLink(), now);
            pauseForTest(id);
            return new Done(plan, newId, syncId, disconnected);
        });
        LOG.info("integration {} switched to integration {} ({} at {}): {} listings mapped, {} orders linked, {} conflicts",
                id, done.newId(), form.connectorId(), form.shopUrl(), done.plan().listings().mapped(),
                done.plan().orders().linked(), done.plan().conflicts().size());
        return new SwitchReport(false, integrations.get(id), target, done.plan().listings(), done.plan().orders(),
                done.plan().conflicts(), Optional.of(integrations.get(done.newId())), Optional.of(done.syncId()),
                Optional.of(done.disconnected()));
    }

    private record Done(Plan plan, long newId, long syncId, IntegrationRepository.DisconnectResult disconnected) {
    }

    /** The report's parts and the new shop's orders to link (each to exactly one order of the predecessor). */
    private record Plan(SwitchReport.Listings listings, SwitchReport.Orders orders, List<SwitchReport.Conflict> conflicts,
                        List<ShopOrder> toLink) {
    }

    private Plan plan(Handle h, Integration predecessor, CheckedForm form, ShopSnapshot shop,
                      Instant start) {
        List<SwitchReport.Conflict> conflicts = new ArrayList<>();
        SwitchReport.Listings listingPart = planListings(h, predecessor, form, shop, conflicts);
        List<ShopOrder> toLink = new ArrayList<>();
        SwitchReport.Orders orderPart = planOrders(h, predecessor, form, shop, start, conflicts, toLink);
        return new Plan(listingPart, orderPart, List.copyOf(conflicts), List.copyOf(toLink));
    }

    /** What each of the new shop's listings inherits from the predecessor by SKU; a SKU mapped two ways is a conflict. */
    private SwitchReport.Listings planListings(Handle h, Integration predecessor, CheckedForm form, ShopSnapshot shop,
                                               List<SwitchReport.Conflict> conflicts) {
        Set<String> storedListings = listings.offeredByExternalId(h, form.shopKey(),
                shop.listings().stream().map(Listing::externalId).toList()).keySet();
        Map<String, ListingRepository.SkuHistory> history = listings.skuHistory(h, predecessor.id(),
                shop.listings().stream().filter(l -> !storedListings.contains(l.externalId())).map(Listing::sku).toList());
        history.forEach((sku, hist) -> {
            if (hist.conflict()) {
                conflicts.add(SwitchReport.Conflict.sku(sku, List.copyOf(hist.mappedVariants())));
            }
        });
        int[] counts = new int[4]; // mapped, ignored, new, already stored
        List<SwitchReport.ListingOutcome> items = new ArrayList<>();
        for (Listing l : shop.listings()) {
            String outcome;
            Optional<Long> variant = Optional.empty();
            if (storedListings.contains(l.externalId())) {
                outcome = "ALREADY_STORED";
                counts[3]++;
            } else {
                ListingRepository.SkuHistory hist = history.get(l.sku());
                ListingState state = hist == null ? ListingState.NEW : hist.inheritedState();
                variant = hist == null ? Optional.empty() : hist.inheritedVariant();
                outcome = state.name();
                counts[state == ListingState.MAPPED ? 0 : state == ListingState.IGNORED ? 1 : 2]++;
            }
            if (items.size() < SwitchReport.MAX_ITEMS) {
                items.add(new SwitchReport.ListingOutcome(l.externalId(), l.sku(), l.name(), l.variantTitle(), outcome, variant));
            }
        }
        return new SwitchReport.Listings(shop.listings().size(), counts[0], counts[1], counts[2],
                counts[3], items, shop.listings().size() > items.size());
    }

    /**
     * Which of the new shop's orders link to one order of the predecessor by order number ({@code toLink} gets them);
     * a number either side holds twice is a conflict, and its orders are new.
     */
    private SwitchReport.Orders planOrders(Handle h, Integration predecessor, CheckedForm form, ShopSnapshot shop,
                                           Instant start, List<SwitchReport.Conflict> conflicts, List<ShopOrder> toLink) {
        Set<String> storedOrders = orders.storedExternalIds(h, form.shopKey(),
                shop.orders().stream().map(ShopOrder::externalId).toList());
        Map<String, List<ShopOrder>> byNumber = new LinkedHashMap<>();
        int newOrders = 0;
        for (ShopOrder o : shop.orders()) {
            if (storedOrders.contains(o.externalId())) {
                continue;
            }
            String number = OrderRepository.number(o);
            if (number.isEmpty()) {
                newOrders++;
            } else {
                byNumber.computeIfAbsent(number, n -> new ArrayList<>()).add(o);
            }
        }
        Map<String, List<OrderRepository.NumberedOrder>> theirs = orders.ordersByNumber(h, predecessor.id(), byNumber.keySet());
        List<SwitchReport.OrderLink> links = new ArrayList<>();
        for (var entry : byNumber.entrySet()) {
            List<ShopOrder> mine = entry.getValue();
            List<OrderRepository.NumberedOrder> match = theirs.getOrDefault(entry.getKey(), List.of());
            // a number the predecessor never had is just a new order, even when the new shop repeats it (split orders)
            if (mine.size() > 1 && !match.isEmpty()) {
                conflicts.add(SwitchReport.Conflict.orderNumber(entry.getKey(), "NEW_SHOP", mine.size()));
            }
            if (match.size() > 1) {
                conflicts.add(SwitchReport.Conflict.orderNumber(entry.getKey(), "PREDECESSOR", match.size()));
            }
            if (mine.size() == 1 && match.size() == 1) {
                ShopOrder o = mine.get(0);
                OrderRepository.NumberedOrder their = match.get(0);
                toLink.add(o);
                if (links.size() < SwitchReport.MAX_ITEMS) {
                    links.add(new SwitchReport.OrderLink(entry.getKey(), their.id(), their.tag(), their.status().name(),
                            their.externalRef(), o.orderNumber(), o.externalId()));
                }
            } else {
                newOrders += mine.size();
            }
        }
        long predecessorOrders = integrationRows.counts(h, predecessor.id()).orders();
        return new SwitchReport.Orders(start.toString(), shop.orders().size(), toLink.size(),
                newOrders, storedOrders.size(), predecessorOrders - toLink.size(), links, toLink.size() > links.size());
    }

    private static void pauseForTest(long id) {
        long millis = Long.getLong(PAUSE_PROPERTY, 0L);
        if (millis > 0) {
            LOG.warn("switch of integration {}: pausing {} ms inside its transaction before commit ({})", id, millis,
                    PAUSE_PROPERTY);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
