package dev.shoplink.host.orders;

import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.domain.WarningsToAcknowledgeException;
import dev.shoplink.host.integrations.IntegrationRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The orders overview, status changes and the manual archive. */
@Singleton
public final class OrderService {
    private final Jdbi jdbi;
    private final OrderRepository repository = new OrderRepository();
    private final IntegrationRepository integrations = new IntegrationRepository();
    private final HostConfig config;
    private final Clock clock;
    /** Filters found to match more than {@link OrderPage#COUNT_CAP} orders a moment ago: not counted again yet. */
    private final CappedCounts capped;

    @Inject
    public OrderService(Jdbi jdbi, HostConfig config, Clock clock) {
        this(jdbi, config, clock, System::nanoTime);
    }

    /** With the time source of the capped-count memory ({@link CappedCounts}). */
    OrderService(Jdbi jdbi, HostConfig config, Clock clock, LongSupplier nanos) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
        this.capped = new CappedCounts(nanos);
    }

    /**
     * One page of the overview: page {@code page.page()} by number, or the page after {@code after} (a {@code next}
     * link's cursor). {@code total} is exact up to {@link OrderPage#COUNT_CAP}, else that cap with
     * {@code totalExact = false} (a filter found above the cap is not counted again for {@link CappedCounts#TTL});
     * {@code next} is the link to the following page, {@code linkBase} being the request's path and filters
     * (everything but {@code page} and {@code after}). Dates in filters are whole days in the host's zone ({@code to}
     * includes its day), or exact instants.
     */
    public OrderPage page(Optional<Long> integrationId, Optional<OrderStatus> status, Optional<TimeBound> from,
                          Optional<TimeBound> to, Optional<String> q, boolean open, Paging page, Optional<OrderCursor> after,
                          String linkBase) {
        OrderRepository.Filter filter = filter(integrationId, status, from, to, q, open);
        int number = after.map(OrderCursor::page).orElse(page.page());
        return jdbi.withHandle(h -> {
            // one more than the page holds: whether a next page exists, without counting
            List<OrderView> rows = repository.list(h, filter, after, page.offset(), page.size() + 1);
            boolean more = rows.size() > page.size();
            List<OrderView> items = more ? rows.subList(0, page.size()) : rows;
            // the last page of a list read by number holds its end: offset + items is the count, without reading the
            // matches again (a search on H2 would scan every order twice)
            long end = page.offset() + items.size();
            boolean endKnown = !more && after.isEmpty() && (!items.isEmpty() || page.offset() == 0);
            long counted = endKnown && end <= OrderPage.COUNT_CAP ? end : count(h, filter);
            // more than cap + 1 only comes back when the store counted exactly at no cost (H2 without a filter)
            boolean exact = counted <= OrderPage.COUNT_CAP || counted > OrderPage.COUNT_CAP + 1;
            Optional<String> next = more ? Optional.of(linkBase + (linkBase.contains("?") ? "&" : "?") + "after="
                    + OrderCursor.after(items.get(items.size() - 1), number + 1).encode()) : Optional.empty();
            return new OrderPage(List.copyOf(items), number, page.size(), exact ? counted : OrderPage.COUNT_CAP, exact, next);
        });
    }

    /**
     * The count up to {@code COUNT_CAP + 1}; a filter counted above the cap a moment ago is not counted again
     * ({@link CappedCounts}).
     */
    private long count(Handle h, OrderRepository.Filter filter) {
        if (capped.above(filter)) {
            return OrderPage.COUNT_CAP + 1;
        }
        long counted = repository.countUpTo(h, filter, OrderPage.COUNT_CAP + 1);
        capped.counted(filter, counted == OrderPage.COUNT_CAP + 1);
        return counted;
    }

    private OrderRepository.Filter filter(Optional<Long> integrationId, Optional<OrderStatus> status,
                                          Optional<TimeBound> from, Optional<TimeBound> to, Optional<String> q, boolean open) {
        return new OrderRepository.Filter(integrationId, status, from.map(b -> b.from(config.zone())),
                to.map(b -> b.toExclusive(config.zone())), q.filter(s -> !s.isBlank()), open);
    }

    /** One order with its lines resolved and its history of status changes. */
    public OrderView get(long id) {
        return jdbi.withHandle(h -> repository.find(h, id).map(o -> o.withHistory(repository.history(h, id))))
                .orElseThrow(() -> new NotFoundException("no order " + id));
    }

    /** Moves an order along RECEIVED → IN_PROGRESS → COMPLETED and records the change in its history. */
    public OrderView patch(long id, StatusUpdate change) {
        OrderStatus next = change.status();
        if (next == OrderStatus.ARCHIVED) {
            throw new InvalidInputException("status", "orders are archived with POST /api/v1/orders/archive, not by PATCH");
        }
        jdbi.useTransaction(h -> {
            OrderView order = repository.find(h, id).orElseThrow(() -> new NotFoundException("no order " + id));
            OrderStatus current = order.status();
            if (current != next && !current.canMoveTo(next)) {
                throw new ConflictException("order-status-transition", "order " + id + " is " + current
                        + " and cannot become " + next + " (RECEIVED → IN_PROGRESS → COMPLETED;"
                        + " IN_PROGRESS may go back to RECEIVED; ARCHIVED and COMPLETED orders stay as they are)");
            }
            Optional<ShopStateRule> attention = order.attention().filter(a -> current != next && a.needsAcknowledgement(next));
            if (attention.isPresent() && !change.acknowledgeWarnings()) {
                throw new WarningsToAcknowledgeException("order " + id + ": "
                        + attention.get().detail() + "; nothing was changed. Send the same request with"
                        + " \"acknowledgeWarnings\": true to change its status anyway",
                        List.of(new FieldError("status", attention.get().detail())));
            }
            if (current != next) {
                repository.recordChange(h, id, current, next, attention.map(a -> "changed through the API despite: "
                        + a.detail()).orElse("changed through the API"), attention.isPresent(), clock.instant());
            }
            if (repository.setStatus(h, id, current, next, clock.instant()) == 0) {
                // archived (or moved) by another request since it was read
                throw new ConflictException("order-status-transition", "order " + id + " changed while this request ran;"
                        + " read it again and retry");
            }
        });
        return get(id);
    }

    /** Archives the orders named, or an integration's orders placed before a day; returns how many were archived. */
    public int archive(ArchiveOrders which) {
        if (which instanceof ArchiveOrders.ByIds byIds) {
            if (byIds.ids().isEmpty()) {
                throw new InvalidInputException("ids", "must name at least one order");
            }
            return jdbi.inTransaction(h -> repository.archiveIds(h, byIds.ids(), clock.instant()));
        }
        ArchiveOrders.OrderedBefore before = (ArchiveOrders.OrderedBefore) which;
        return jdbi.inTransaction(h -> {
            if (integrations.find(h, before.integrationId()).isEmpty()) {
                throw new InvalidInputException("integrationId", "no integration " + before.integrationId());
            }
            return repository.archiveBefore(h, before.integrationId(),
                    before.orderedBefore().atStartOfDay(config.zone()).toInstant(), clock.instant());
        });
    }
}
