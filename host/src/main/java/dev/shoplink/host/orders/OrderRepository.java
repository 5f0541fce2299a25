package dev.shoplink.host.orders;

import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.db.StoreWriteException;
import dev.shoplink.host.integrations.IntegrationRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL of imported orders, the one writer of {@code shop_order}, {@code order_line} and {@code order_status_change} (also
 * for integrations, through its port). Upserts are keyed by shop + external id: an order is never imported twice.
 * The columns an order fills are {@link OrderColumns}', the overview's reads {@link OrderOverview}'s.
 */
public final class OrderRepository implements IntegrationRows.OrderRows {
    private static final String HISTORY = "insert into order_status_change (order_id, from_status, to_status, reason,"
            + " acknowledged, changed_at) values (:o, :from, :to, :reason, :ack, :at)";

    // the page statements: plain JDBC, their parameters set by position (OrderColumns)
    private static final String INSERT = "insert into shop_order (integration_id, shop_key, external_id, "
            + String.join(", ", OrderColumns.SHOP_COLUMNS) + ", status, imported_at, updated_at) values (?, ?, ?, "
            + "?, ".repeat(OrderColumns.SHOP_COLUMNS.length) + "?, ?, ?)";
    // the roaster's own status (and the tag, the id) stay; everything the shop says is replaced
    private static final String UPDATE = "update shop_order set integration_id = ?, "
            + String.join(" = ?, ", OrderColumns.SHOP_COLUMNS) + " = ?, updated_at = ? where id = ?";
    private static final String IMPORTED = "insert into order_status_change (order_id, from_status, to_status, reason,"
            + " acknowledged, changed_at) values (?, ?, ?, ?, ?, ?)";
    private static final String LINES = "insert into order_line (order_id, external_id, listing_external_id, sku, name,"
            + " quantity, unit_price) values (?, ?, ?, ?, ?, ?, ?)";

    /**
     * Stores one page of orders: new ones are inserted, changed ones updated in place with their lines
     * replaced, and orders the shop reports unchanged (same modification time, same integration: the
     * overlap of an incremental sync reads them again) are left alone. Plain inserts and updates, not
     * one MERGE per order: on H2 that is a quarter to half of the statement time. They are JDBC batches on the
     * handle's connection, in its transaction: a prepared statement a kind of row, executed once for the page (one
     * round trip on PostgreSQL); on the embedded store the first takes the write turn ({@code db.SerialWrites}).
     */
    public void upsert(Handle h, long integrationId, String shopKey, List<ShopOrder> orders, Instant now) {
        if (orders.isEmpty()) {
            return;
        }
        Map<String, StoredOrder> stored = StoredOrder.byExternalId(h, shopKey, orders.stream().map(OrderColumns::key).toList());
        List<ShopOrder> fresh = new ArrayList<>();
        List<ShopOrder> changed = new ArrayList<>();
        for (ShopOrder o : orders) {
            StoredOrder s = stored.get(OrderColumns.key(o));
            if (s == null) {
                fresh.add(o);
            } else if (!s.unchanged(integrationId, o.modifiedAt())) {
                changed.add(o);
            }
        }
        // a switched integration's orders that its predecessor imported under the same number are linked, not imported:
        // the link knows each row's id, so they join the changed orders without reading them back
        Map<ShopOrder, Long> linked = linkPredecessorOrders(h, integrationId, shopKey, fresh);
        if (!linked.isEmpty()) {
            fresh.removeIf(linked::containsKey);
            linked.forEach((o, id) -> {
                changed.add(o);
                stored.put(OrderColumns.key(o), new StoredOrder(id, integrationId, o.modifiedAt()));
            });
        }
        try {
            OffsetDateTime at = OrderColumns.utc(now);
            if (!fresh.isEmpty()) {
                insertFresh(h.getConnection(), integrationId, shopKey, fresh, stored, at);
            }
            if (!changed.isEmpty()) {
                updateChanged(h.getConnection(), integrationId, changed, stored, at);
            }
            insertLines(h.getConnection(), stored, List.of(fresh, changed));
        } catch (SQLException e) {
            throw new StoreWriteException("cannot store a page of " + orders.size() + " orders", e);
        }
        OrderSearch.afterCommit(h, Stream.concat(fresh.stream(), changed.stream())
                .map(o -> stored.get(OrderColumns.key(o)).id()).toList());
    }

    /**
     * Inserts new orders with their first history entry; their ids join {@code stored}, from the batch's generated keys
     * (H2 and PostgreSQL alike return them in the batch's order): no read-back.
     */
    private static void insertFresh(Connection c, long integrationId, String shopKey, List<ShopOrder> fresh,
                                    Map<String, StoredOrder> stored, OffsetDateTime now) throws SQLException {
        List<Long> ids = new ArrayList<>(fresh.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT, new String[] {"id"})) {
            for (ShopOrder o : fresh) {
                OrderColumns.setInsert(insert, integrationId, shopKey, o, now);
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        if (ids.size() != fresh.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " ids for " + fresh.size() + " orders");
        }
        try (PreparedStatement history = c.prepareStatement(IMPORTED)) {
            for (int i = 0; i < ids.size(); i++) {
                ShopOrder o = fresh.get(i);
                stored.put(OrderColumns.key(o), new StoredOrder(ids.get(i), integrationId, o.modifiedAt()));
                OrderColumns.setImportHistory(history, ids.get(i), o, now);
                history.addBatch();
            }
            history.executeBatch();
        }
    }

    /** Updates changed orders in place (the roaster's status stays) and deletes their lines, which are inserted anew. */
    private static void updateChanged(Connection c, long integrationId, List<ShopOrder> changed,
                                      Map<String, StoredOrder> stored, OffsetDateTime now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE)) {
            for (ShopOrder o : changed) {
                OrderColumns.setUpdate(update, integrationId, o, now, stored.get(OrderColumns.key(o)).id());
                update.addBatch();
            }
            update.executeBatch();
        }
        // one keyed delete per order: "where order_id in (select … unnest …)" makes H2 scan every line it holds
        try (PreparedStatement deletes = c.prepareStatement("delete from order_line where order_id = ?")) {
            for (ShopOrder o : changed) {
                deletes.setLong(1, stored.get(OrderColumns.key(o)).id());
                deletes.addBatch();
            }
            deletes.executeBatch();
        }
    }

    private static void insertLines(Connection c, Map<String, StoredOrder> stored, List<List<ShopOrder>> parts)
            throws SQLException {
        try (PreparedStatement lines = c.prepareStatement(LINES)) {
            int count = 0;
            for (List<ShopOrder> part : parts) {
                for (ShopOrder o : part) {
                    count += OrderColumns.addLines(lines, stored.get(OrderColumns.key(o)).id(), o);
                }
            }
            if (count > 0) {
                lines.executeBatch();
            }
        }
    }

    /**
     * Links orders a switched integration's shop reports for the first time to the orders its predecessor imported
     * under the same {@link OrderNumber}: each such row moves to this integration's shop key and external id, so it
     * is updated from now on (shop reference and status follow the new shop; its id, {@code OR-} tag, the roaster's
     * status and archive state stay). A number that {@code orders} or the predecessor's rows hold twice is a conflict
     * and links nothing. Returns the orders linked (by identity) with the id of the row each took
     * over; nothing for an integration that is not a switch's.
     */
    private Map<ShopOrder, Long> linkPredecessorOrders(Handle h, long integrationId, String shopKey, List<ShopOrder> orders) {
        if (orders.isEmpty()) {
            return Map.of();
        }
        Optional<Long> predecessor = h.createQuery("select switched_from from integration where id = :i")
                .bind("i", integrationId).mapTo(Long.class).findOne().filter(Objects::nonNull);
        if (predecessor.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ShopOrder>> byNumber = new LinkedHashMap<>();
        orders.forEach(o -> byNumber.computeIfAbsent(number(o), n -> new ArrayList<>()).add(o));
        byNumber.remove("");
        Map<String, List<NumberedOrder>> theirs = ordersByNumber(h, predecessor.get(), byNumber.keySet());
        Map<ShopOrder, Long> linked = new IdentityHashMap<>();
        PreparedBatch link = h.prepareBatch("update shop_order set integration_id = :i, shop_key = :k, external_id = :e"
                + " where id = :id");
        byNumber.forEach((n, mine) -> {
            List<NumberedOrder> match = theirs.getOrDefault(n, List.of());
            if (mine.size() == 1 && match.size() == 1) {
                link.bind("i", integrationId).bind("k", shopKey).bind("e", OrderColumns.key(mine.get(0)))
                        .bind("id", match.get(0).id()).add();
                linked.put(mine.get(0), match.get(0).id());
            }
        });
        if (!linked.isEmpty()) {
            link.execute();
        }
        return linked;
    }

    /** A stored order found by its number: id ({@code OR-} tag), reference as its shop wrote it, roaster's status. */
    public record NumberedOrder(long id, String externalRef, OrderStatus status) {
        public String tag() {
            return OrderView.tagOf(id);
        }
    }

    /** The integration's orders with these {@link OrderNumber normalized numbers}, by number. */
    public Map<String, List<NumberedOrder>> ordersByNumber(Handle h, long integrationId, Collection<String> numbers) {
        Map<String, List<NumberedOrder>> found = new HashMap<>();
        if (numbers.isEmpty()) {
            return found;
        }
        h.createQuery("select o.id, o.order_number, o.external_ref, o.status from"
                        + " unnest(cast(:numbers as varchar(255) array)) as n(order_number)"
                        + " join shop_order o on o.integration_id = :i and o.order_number = n.order_number order by o.id")
                .bindArray("numbers", String.class, List.copyOf(numbers)).bind("i", integrationId)
                .map((rs, ctx) -> Map.entry(rs.getString(2), new NumberedOrder(rs.getLong(1), rs.getString(3),
                        OrderStatus.valueOf(rs.getString(4)))))
                .forEach(e -> found.computeIfAbsent(e.getKey(), n -> new ArrayList<>()).add(e.getValue()));
        return found;
    }

    /** The order's number as stored in {@code order_number}: normalized, cut to the reference's column. */
    public static String number(ShopOrder o) {
        return OrderColumns.number(o);
    }

    /** Which of these external ids the shop's orders already include. */
    public Set<String> storedExternalIds(Handle h, String shopKey, List<String> externalIds) {
        return externalIds.isEmpty() ? Set.of() : StoredOrder.byExternalId(h, shopKey, externalIds).keySet();
    }

    /** Filters of the orders overview. */
    public record Filter(Optional<Long> integrationId, Optional<OrderStatus> status, Optional<Instant> from,
                         Optional<Instant> toExclusive, Optional<String> q, boolean open) {
    }

    private final OrderOverview overview = new OrderOverview();

    public List<OrderView> list(Handle h, Filter filter, long offset, int limit) {
        return overview.list(h, filter, Optional.empty(), offset, limit);
    }

    /**
     * Up to {@code limit} orders newest first: those after the cursor (read off the index from the cursor's sort key
     * on: as fast on page 20,000 as on page 2), else those after skipping {@code offset}.
     */
    public List<OrderView> list(Handle h, Filter filter, Optional<OrderCursor> after, long offset, int limit) {
        return overview.list(h, filter, after, offset, limit);
    }

    public long count(Handle h, Filter filter) {
        return overview.count(h, filter);
    }

    /** The number of matching orders, counting at most {@code cap} ({@link OrderOverview#countUpTo}). */
    public long countUpTo(Handle h, Filter filter, int cap) {
        return overview.countUpTo(h, filter, cap);
    }

    public Optional<OrderView> find(Handle h, long id) {
        return overview.find(h, id);
    }

    /** The order's status changes, oldest first. */
    public List<OrderView.StatusChange> history(Handle h, long orderId) {
        return overview.history(h, orderId);
    }

    /** Records a change in the order's history. */
    public void recordChange(Handle h, long orderId, OrderStatus from, OrderStatus to, String reason, boolean acknowledged,
                             Instant at) {
        h.createUpdate(HISTORY).bind("o", orderId).bind("from", from.name()).bind("to", to.name()).bind("reason", reason)
                .bind("ack", acknowledged).bind("at", at).execute();
    }

    /** Moves an order from {@code current} to {@code status}; 0 when it no longer is {@code current} (changed meanwhile). */
    public int setStatus(Handle h, long id, OrderStatus current, OrderStatus status, Instant now) {
        return h.createUpdate("update shop_order set status = :s, updated_at = :at where id = :id and status = :current")
                .bind("s", status.name()).bind("at", now).bind("id", id).bind("current", current.name()).execute();
    }

    public int archiveIds(Handle h, Collection<Long> ids, Instant now) {
        h.createUpdate("insert into order_status_change (order_id, from_status, to_status, reason, acknowledged, changed_at)"
                        + " select id, status, 'ARCHIVED', 'archived', false, :at from shop_order"
                        + " where id in (<ids>) and status <> 'ARCHIVED'")
                .bindList("ids", new ArrayList<>(ids)).bind("at", now).execute();
        return h.createUpdate("update shop_order set status = 'ARCHIVED', updated_at = :at where id in (<ids>) and status <> 'ARCHIVED'")
                .bindList("ids", new ArrayList<>(ids)).bind("at", now).execute();
    }

    public int archiveBefore(Handle h, long integrationId, Instant before, Instant now) {
        h.createUpdate("insert into order_status_change (order_id, from_status, to_status, reason, acknowledged, changed_at)"
                        + " select id, status, 'ARCHIVED', :reason, false, :at from shop_order"
                        + " where integration_id = :i and order_date < :before and status <> 'ARCHIVED'")
                .bind("i", integrationId).bind("before", before).bind("reason", "archived: ordered before " + before).bind("at", now).execute();
        return h.createUpdate("update shop_order set status = 'ARCHIVED', updated_at = :at where integration_id = :i"
                        + " and order_date < :before and status <> 'ARCHIVED'")
                .bind("i", integrationId).bind("before", before).bind("at", now).execute();
    }

    @Override
    public long countOfShop(Handle h, String shopKey) {
        return h.createQuery("select count(*) from shop_order where shop_key = :k").bind("k", shopKey).mapTo(Long.class).one();
    }

    @Override
    public void moveToShopKey(Handle h, String oldKey, String newKey) {
        h.createUpdate("update shop_order set shop_key = :n where shop_key = :o").bind("n", newKey).bind("o", oldKey).execute();
    }

    /** A disconnect's archive; unlike {@link #archiveBefore} it writes no status history (as it always did). */
    @Override
    public int archiveOpen(Handle h, long integrationId, Instant at) {
        return h.createUpdate("update shop_order set status = 'ARCHIVED', updated_at = :at"
                        + " where integration_id = :id and status = 'RECEIVED'")
                .bind("id", integrationId).bind("at", at).execute();
    }

    @Override
    public int purge(Handle h, long integrationId) {
        OrderSearch.afterPurge(h, integrationId);
        return h.createUpdate("delete from shop_order where integration_id = :id").bind("id", integrationId).execute();
    }
}
