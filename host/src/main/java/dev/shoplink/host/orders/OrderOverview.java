package dev.shoplink.host.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The orders overview's read model: pages of orders by {@link OrderRepository.Filter}, their counts, one order and its
 * history ({@link OrderRepository} answers through it). The lines of what it lists are {@link OrderItems}'.
 */
final class OrderOverview {
    // the shop's name and customer type are not read here: joined, H2 starts from integration and sorts every
    // matching order before it can return the first page; as scalar subqueries they cost two lookups an order.
    // OrderItems reads them once a page, for the page's integrations.
    static final String VIEW_COLUMNS = "o.id, o.integration_id, o.external_ref,"
            + " o.external_status, o.external_state, o.status, o.order_date, o.customer_name, o.customer_email, o.address,"
            + " o.city, o.region, o.postal_code, o.country, o.phone";

    /**
     * Up to {@code limit} orders newest first: those after the cursor (read off the index from the cursor's sort key
     * on: as fast on page 20,000 as on page 2), else those after skipping {@code offset}.
     */
    List<OrderView> list(Handle h, OrderRepository.Filter filter, Optional<OrderCursor> after, long offset, int limit) {
        // a text search through the embedded store's index, when it can answer (IndexedSearch); else the scan below
        Optional<List<OrderView>> indexed = IndexedSearch.list(h, filter, after, offset, limit);
        if (indexed.isPresent()) {
            return indexed.get();
        }
        String where = where(filter);
        if (after.isPresent()) {
            // "date <= d" is the index range; the rest drops the orders of that same instant already shown
            where += (where.isEmpty() ? " where " : " and ")
                    + "o.order_date <= :afterDate and (o.order_date < :afterDate or o.id < :afterId)";
        }
        Query q = h.createQuery("select " + VIEW_COLUMNS + " from shop_order o" + where + orderBy(filter)
                + (after.isPresent() ? "" : " offset :offset rows") + " fetch next :limit rows only");
        bind(q, filter).bind("limit", limit);
        if (after.isPresent()) {
            q.bind("afterDate", after.get().orderDate()).bind("afterId", after.get().id());
        } else {
            q.bind("offset", offset);
        }
        return OrderItems.withItems(h, q.map((rs, ctx) -> row(rs)).list());
    }

    /**
     * Newest first. The columns a filter fixes by equality lead the ORDER BY (they change nothing in the
     * order) so that it matches the overview indexes of migration V2 and the page is read off the index.
     */
    private static String orderBy(OrderRepository.Filter f) {
        StringBuilder sql = new StringBuilder(" order by ");
        f.integrationId().ifPresent(x -> sql.append("o.integration_id, "));
        f.status().ifPresent(x -> sql.append("o.status, "));
        return sql.append("o.order_date desc, o.id desc").toString();
    }

    long count(Handle h, OrderRepository.Filter filter) {
        Query q = h.createQuery("select count(*) from shop_order o" + where(filter));
        return bind(q, filter).mapTo(Long.class).one();
    }

    /**
     * The number of matching orders, counting at most {@code cap}: an exact count of a million rows reads them all
     * (PostgreSQL keeps no row count; H2 only for the whole table), this reads at most {@code cap} index entries.
     * Without a filter on H2 it is the exact count, which H2 reads from the table's row count.
     */
    long countUpTo(Handle h, OrderRepository.Filter filter, int cap) {
        OptionalLong indexed = IndexedSearch.countUpTo(h, filter, cap);
        if (indexed.isPresent()) {
            return indexed.getAsLong();
        }
        if (isH2(h) && where(filter).isEmpty()) {
            // H2 keeps the table's row count: the exact number is one lookup
            return count(h, filter);
        }
        Query q = h.createQuery("select count(*) from (select 1 from shop_order o" + where(filter)
                + " fetch first :cap rows only) capped");
        return bind(q, filter).bind("cap", cap).mapTo(Long.class).one();
    }

    Optional<OrderView> find(Handle h, long id) {
        Query q = h.createQuery("select " + VIEW_COLUMNS + " from shop_order o where o.id = :id").bind("id", id);
        List<OrderView> found = OrderItems.withItems(h, q.map((rs, ctx) -> row(rs)).list());
        return found.stream().findFirst();
    }

    static OrderView row(ResultSet rs) throws SQLException {
        return new OrderView(rs.getLong("id"), OrderView.tagOf(rs.getLong("id")),
                rs.getLong("integration_id"), null, null, rs.getString("external_ref"),
                rs.getString("external_status"), rs.getString("external_state"), OrderStatus.valueOf(rs.getString("status")),
                rs.getObject("order_date", OffsetDateTime.class).toInstant(),
                new OrderView.Customer(rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("country"),
                        rs.getString("address"), rs.getString("city"), rs.getString("region"), rs.getString("postal_code"),
                        rs.getString("phone")), List.of(), 0, "0.00", Optional.empty(), Optional.empty(), List.of());
    }

    static String where(OrderRepository.Filter f) {
        List<String> clauses = new ArrayList<>();
        f.integrationId().ifPresent(x -> clauses.add("o.integration_id = :integrationId"));
        f.status().ifPresent(x -> clauses.add("o.status = :status"));
        f.from().ifPresent(x -> clauses.add("o.order_date >= :from"));
        f.toExclusive().ifPresent(x -> clauses.add("o.order_date < :to"));
        // PostgreSQL serves the LIKE from its trigram index (V8); on H2 it checks the candidates of the text index
        // (IndexedSearch, search.OrderTextIndex), or scans while that index cannot answer
        f.q().ifPresent(x -> clauses.add("o.search_text like :q escape '!'"));
        if (f.open()) {
            clauses.add("(" + ShopStateRule.OPEN_SQL + ")");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    static Query bind(Query q, OrderRepository.Filter f) {
        f.integrationId().ifPresent(x -> q.bind("integrationId", x));
        f.status().ifPresent(x -> q.bind("status", x.name()));
        f.from().ifPresent(x -> q.bind("from", x));
        f.toExclusive().ifPresent(x -> q.bind("to", x));
        f.q().ifPresent(x -> q.bind("q", "%" + likeEscaped(x.strip().toLowerCase(Locale.ROOT)) + "%"));
        return q;
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private volatile Boolean isH2;

    /** Whether the store is H2, which keeps a table's row count (an exact total without a filter is one lookup). */
    private boolean isH2(Handle h) {
        Boolean known = isH2;
        if (known == null) {
            try {
                known = h.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database's product name", e);
            }
            isH2 = known;
        }
        return known;
    }

    /** The order's status changes, oldest first. */
    List<OrderView.StatusChange> history(Handle h, long orderId) {
        return h.createQuery("select from_status, to_status, reason, acknowledged, changed_at from order_status_change"
                        + " where order_id = :o order by id")
                .bind("o", orderId)
                .map((rs, ctx) -> new OrderView.StatusChange(
                        Optional.ofNullable(rs.getString(1)).map(OrderStatus::valueOf), OrderStatus.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }
}
