package dev.shoplink.host.switching;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.domain.ShopCallException;
import dev.shoplink.host.integrations.ShopProblems;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.ConnectorFailureException;
import dev.shoplink.host.sync.OrderImportRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the new shop holds, read through its connector before a switch stores anything: every listing
 * ({@link ListingQuery#everything()}) and the orders placed since the sync start date, kept as the sync
 * worker keeps them ({@link OrderImportRules#map}: not on hold, not placed before the start; the latest version of an
 * order read twice).
 * Nothing of it is stored by reading it.
 */
record ShopSnapshot(List<Listing> listings, List<ShopOrder> orders) {
    /** How long reading one shop may wait out its rate limits in total before the request is answered 503. */
    static final Duration RATE_LIMIT_BUDGET = Duration.ofSeconds(60);

    static ShopSnapshot read(ConnectorEntry entry, Connection connection, Instant start, ShopMetrics metrics) {
        String id = entry.descriptor().id();
        Duration[] waited = {Duration.ZERO};
        List<Listing> listings = latest(all(entry, waited, cursor -> metrics.call(id, "listings",
                () -> entry.connector().listings(connection, ListingQuery.everything(), cursor)), "read its listings"));
        List<ShopOrder> orders = OrderImportRules.map(all(entry, waited, cursor -> metrics.call(id, "orders",
                () -> entry.connector().orders(connection, OrderQuery.placedSince(start), cursor)), "read its orders"),
                start).keep();
        return new ShopSnapshot(listings, orders);
    }

    private static <T> List<T> all(ConnectorEntry entry, Duration[] waited, Function<Cursor, Page<T>> call, String doing) {
        List<T> items = new ArrayList<>();
        Cursor cursor = Cursor.start();
        while (true) {
            Page<T> page;
            try {
                page = call.apply(cursor);
            } catch (RateLimitedException e) {
                Duration wait = e.retryAfter().isNegative() ? Duration.ZERO : e.retryAfter();
                if (waited[0].plus(wait).compareTo(RATE_LIMIT_BUDGET) > 0) {
                    throw ShopProblems.of(entry, e, doing);
                }
                waited[0] = waited[0].plus(wait);
                sleep(wait);
                continue;
            } catch (ConnectorException | ConnectorFailureException e) {
                throw ShopProblems.of(entry, e, doing);
            }
            items.addAll(page.items());
            if (!page.hasNext()) {
                return items;
            }
            cursor = page.next().orElseThrow();
        }
    }

    /** One listing per external id, the one read last (a shop paging over a changing list may report one twice). */
    private static List<Listing> latest(List<Listing> items) {
        Map<String, Listing> byId = new LinkedHashMap<>();
        items.forEach(l -> byId.put(l.externalId(), l));
        return List.copyOf(byId.values());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopCallException(ShopCallException.Kind.RATE_LIMITED, "the host is stopping");
        }
    }
}
