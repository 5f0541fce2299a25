package dev.shoplink.host.orders;

import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.FieldError;
import dev.shoplink.host.http.JsonBody;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.PageResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The orders overview, status changes and the manual archive. */
@Singleton
public final class OrderService {
    private final Jdbi jdbi;
    private final OrderRepository repository = new OrderRepository();
    private final HostConfig config;
    private final Clock clock;

    @Inject
    public OrderService(Jdbi jdbi, HostConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
    }

    /** Dates in filters are whole days in the host's zone ({@code to} includes its day), or exact instants. */
    public PageResult<OrderView> list(Optional<Long> integrationId, Optional<OrderStatus> status, Optional<TimeBound> from,
                                      Optional<TimeBound> to, Optional<String> q, boolean open, PageRequest page) {
        OrderRepository.Filter filter = new OrderRepository.Filter(integrationId, status,
                from.map(b -> b.from(config.zone())),
                to.map(b -> b.toExclusive(config.zone())),
                q.filter(s -> !s.isBlank()), open);
        return jdbi.withHandle(h -> new PageResult<>(repository.list(h, filter, page.offset(), page.size()),
                page.page(), page.size(), repository.count(h, filter)));
    }

    /** One order with its lines resolved and its history of status changes. */
    public OrderView get(long id) {
        return jdbi.withHandle(h -> repository.find(h, id).map(o -> new OrderView(o.id(), o.tag(), o.integrationId(), o.shop(),
                        o.customerType(), o.externalRef(), o.externalStatus(), o.externalState(), o.status(), o.orderDate(),
                        o.customer(), o.items(), o.unmappedItems(), o.total(), o.attention(), o.attentionDetail(),
                        repository.history(h, id))))
                .orElseThrow(() -> ApiException.notFound("no order " + id));
    }

    public OrderView patch(long id, JsonBody body) {
        Optional<OrderStatus> status = body.enumValue("status", true, OrderStatus.class);
        if (status.filter(s -> s == OrderStatus.ARCHIVED).isPresent()) {
            body.reject("status", "orders are archived with POST /api/v1/orders/archive, not by PATCH");
        }
        boolean acknowledged = body.bool("acknowledgeWarnings").orElse(false);
        body.throwIfInvalid();
        jdbi.useTransaction(h -> {
            OrderView order = repository.find(h, id).orElseThrow(() -> ApiException.notFound("no order " + id));
            OrderStatus current = order.status();
            if (current != status.get() && !current.canMoveTo(status.get())) {
                throw ApiException.conflict("order-status-transition", "order " + id + " is " + current
                        + " and cannot become " + status.get() + " (RECEIVED → IN_PROGRESS → COMPLETED;"
                        + " IN_PROGRESS may go back to RECEIVED; ARCHIVED and COMPLETED orders stay as they are)");
            }
            Optional<ShopStateRule> attention = order.attention().filter(a -> current != status.get()
                    && a.needsAcknowledgement(status.get()));
            if (attention.isPresent() && !acknowledged) {
                throw new ApiException(409, "unacknowledged-warnings", "Confirmation needed", "order " + id + ": "
                        + attention.get().detail() + "; nothing was changed. Send the same request with"
                        + " \"acknowledgeWarnings\": true to change its status anyway",
                        List.of(new FieldError("status", attention.get().detail())));
            }
            if (current != status.get()) {
                repository.recordChange(h, id, current, status.get(), attention.map(a -> "changed through the API despite: "
                        + a.detail()).orElse("changed through the API"), attention.isPresent(), clock.instant());
            }
            if (repository.setStatus(h, id, current, status.get(), clock.instant()) == 0) {
                // archived (or moved) by another request since it was read
                throw ApiException.conflict("order-status-transition", "order " + id + " changed while this request ran;"
                        + " read it again and retry");
            }
        });
        return get(id);
    }

    /** {@code {"ids": [..]}} or {@code {"integrationId": 2, "orderedBefore": "2026-11-01"}}. */
    public Map<String, Integer> archive(JsonBody body) {
        boolean byIds = body.has("ids");
        if (byIds) {
            List<Long> ids = body.node().get("ids").isArray() ? readIds(body) : List.of();
            if (!body.node().get("ids").isArray()) {
                body.reject("ids", "must be an array of order ids");
            } else if (ids.isEmpty()) {
                body.reject("ids", "must name at least one order");
            }
            body.throwIfInvalid();
            return Map.of("archived", jdbi.inTransaction(h -> repository.archiveIds(h, ids, clock.instant())));
        }
        Optional<Long> integrationId = body.id("integrationId", true);
        Optional<LocalDate> before = body.date("orderedBefore", true);
        body.throwIfInvalid();
        int archived = jdbi.inTransaction(h -> {
            if (h.createQuery("select count(*) from integration where id = :id").bind("id", integrationId.get())
                    .mapTo(Long.class).one() == 0) {
                throw ApiException.validation("integrationId", "no integration " + integrationId.get());
            }
            return repository.archiveBefore(h, integrationId.get(), before.get().atStartOfDay(config.zone()).toInstant(),
                    clock.instant());
        });
        return Map.of("archived", archived);
    }

    private static List<Long> readIds(JsonBody body) {
        List<Long> ids = new java.util.ArrayList<>();
        var array = body.node().get("ids");
        for (int i = 0; i < array.size(); i++) {
            var v = array.get(i);
            if (!v.isIntegralNumber() || v.asLong() < 1) {
                body.reject("ids[" + i + "]", "must be a positive order id");
            } else {
                ids.add(v.asLong());
            }
        }
        return ids;
    }
}
