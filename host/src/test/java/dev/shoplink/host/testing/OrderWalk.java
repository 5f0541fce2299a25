package dev.shoplink.host.testing;

import dev.shoplink.host.orders.OrderCursor;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.orders.OrderView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The overview walked page after page through its keyset cursors, as the API's {@code next} links walk it. */
public final class OrderWalk {
    /** A walk that has not ended after this many pages is a cursor that does not advance. */
    private static final int MAX_PAGES = 1_000;

    private OrderWalk() {
    }

    /** The ids of every order the filter lists, in the overview's order, {@code size} a page. */
    public static List<Long> byCursor(Jdbi jdbi, OrderRepository repository, OrderRepository.Filter filter, int size) {
        List<Long> walked = new ArrayList<>();
        Optional<OrderCursor> after = Optional.empty();
        for (int page = 2; page <= MAX_PAGES; page++) {
            Optional<OrderCursor> from = after;
            List<OrderView> rows = jdbi.withHandle(h -> repository.list(h, filter, from, 0, size));
            rows.forEach(o -> walked.add(o.id()));
            if (rows.size() < size) {
                return walked;
            }
            after = Optional.of(OrderCursor.after(rows.get(rows.size() - 1), page));
        }
        throw new AssertionError("the walk did not end after " + MAX_PAGES + " pages of " + size);
    }
}
