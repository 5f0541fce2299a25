package dev.shoplink.host.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The overview's text search through an {@link OrderSearch} index: the index names candidates in the overview's
 * order (order date desc, id desc) after the cursor, batch by batch; the database keeps those that match every filter
 * with the unchanged {@code LIKE} ({@link OrderOverview}'s own where clause), until the page is full. So the answer is
 * the scan's, in the scan's order: the index only decides which rows the database reads. Empty when the index cannot
 * answer; the overview then scans.
 */
final class IndexedSearch {
    /** The first batch of candidates: what the page needs and a few more; each further batch four times the last. */
    private static final int FIRST_BATCH_MARGIN = 16;
    private static final int MIN_BATCH = 200;
    private static final int MAX_BATCH = 10_000;

    private IndexedSearch() {
    }

    /** Up to {@code limit} matching orders after the cursor, else after skipping {@code offset}. */
    static Optional<List<OrderView>> list(Handle h, OrderRepository.Filter f, Optional<OrderCursor> after, long offset,
                                          int limit) {
        OrderSearch search = OrderSearch.of(h);
        if (search == OrderSearch.NONE || f.q().isEmpty()) {
            return Optional.empty();
        }
        long wanted = offset + limit;
        List<OrderView> found = new ArrayList<>();
        Optional<OrderSearch.Hit> from = after.map(OrderSearch.Hit::of);
        // the index's candidates contain the term (it matches substrings, not words): only the database's other
        // filters, or an order changed since, drop one
        int batch = (int) Math.min(MAX_BATCH, wanted + FIRST_BATCH_MARGIN);
        while (true) {
            Optional<OrderSearch.Candidates> c = search.candidates(query(f), from, batch);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            List<OrderSearch.Hit> hits = c.get().hits();
            if (!hits.isEmpty()) {
                found.addAll(verified(h, f, after, hits));
            }
            if (found.size() >= wanted || c.get().last() || hits.isEmpty()) {
                break;
            }
            from = Optional.of(hits.get(hits.size() - 1));
            batch = Math.min(MAX_BATCH, batch * 4);
        }
        List<OrderView> page = found.subList((int) Math.min(offset, found.size()), (int) Math.min(wanted, found.size()));
        return Optional.of(OrderItems.withItems(h, List.copyOf(page)));
    }

    /** The number of matching orders, counting at most {@code cap}; empty when the index cannot answer. */
    static OptionalLong countUpTo(Handle h, OrderRepository.Filter f, int cap) {
        OrderSearch search = OrderSearch.of(h);
        if (search == OrderSearch.NONE || f.q().isEmpty()) {
            return OptionalLong.empty();
        }
        if (f.status().isEmpty() && !f.open()) {
            // the index holds every filter asked and matches the term exactly: its count is the LIKE's
            return search.count(query(f), cap);
        }
        long counted = 0;
        Optional<OrderSearch.Hit> from = Optional.empty();
        int batch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, cap / 4));
        while (counted < cap) {
            Optional<OrderSearch.Candidates> c = search.candidates(query(f), from, batch);
            if (c.isEmpty()) {
                return OptionalLong.empty();
            }
            List<OrderSearch.Hit> hits = c.get().hits();
            if (!hits.isEmpty()) {
                Query q = h.createQuery("select count(*) from " + CANDIDATES + OrderOverview.where(f));
                counted += OrderOverview.bind(q, f).bindArray("ids", Long.class, ids(hits)).mapTo(Long.class).one();
            }
            if (c.get().last() || hits.isEmpty()) {
                break;
            }
            from = Optional.of(hits.get(hits.size() - 1));
            batch = Math.min(MAX_BATCH, batch * 4);
        }
        return OptionalLong.of(Math.min(counted, cap));
    }

    /** The candidates as rows, each looked up by its primary key; the where clause follows. */
    private static final String CANDIDATES = "unnest(cast(:ids as bigint array)) as c(id) join shop_order o on o.id = c.id";

    /** The candidates that match every filter, the term by the LIKE, in the overview's order. */
    private static List<OrderView> verified(Handle h, OrderRepository.Filter f, Optional<OrderCursor> after,
                                            List<OrderSearch.Hit> hits) {
        String where = OrderOverview.where(f);
        if (after.isPresent()) {
            where += " and o.order_date <= :afterDate and (o.order_date < :afterDate or o.id < :afterId)";
        }
        Query q = h.createQuery("select " + OrderOverview.VIEW_COLUMNS + " from " + CANDIDATES + where
                + " order by o.order_date desc, o.id desc");
        OrderOverview.bind(q, f).bindArray("ids", Long.class, ids(hits));
        after.ifPresent(c -> q.bind("afterDate", c.orderDate()).bind("afterId", c.id()));
        return q.map((rs, ctx) -> OrderOverview.row(rs)).list();
    }

    private static List<Long> ids(List<OrderSearch.Hit> hits) {
        return hits.stream().map(OrderSearch.Hit::id).toList();
    }

    private static OrderSearch.Request query(OrderRepository.Filter f) {
        return new OrderSearch.Request(f.q().orElseThrow().strip().toLowerCase(Locale.ROOT), f.integrationId(), f.from(),
                f.toExclusive());
    }
}
