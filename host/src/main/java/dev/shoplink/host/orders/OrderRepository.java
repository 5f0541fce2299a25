package dev.shoplink.host.orders;

import dev.shoplink.api.OrderLine;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.db.ShopKeys;
import dev.shoplink.host.domain.Money;
import dev.shoplink.host.integrations.IntegrationRows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL of imported orders, the one writer of {@code shop_order}, {@code order_line} and {@code order_status_change} (also
 * for integrations, through its port). Upserts are keyed by shop + external id: an order is never imported twice.
 */
public final class OrderRepository implements IntegrationRows.OrderRows {
    private static final String INSERT = "insert into shop_order (integration_id, shop_key, external_id, external_ref,"
            + " external_status, external_state, status, order_date, shop_modified_at, customer_name, customer_email,"
            + " address, city, region, postal_code, country, phone, imported_at, updated_at, search_text, order_number)"
            + " values (:integrationId, :shopKey, :externalId, :ref, :status, :state, :initial, :orderDate, :modified,"
            + " :name, :email, :address, :city, :region, :postal, :country, :phone, :now, :now, :search, :number)";

    // the roaster's own status (and the tag, the id) stay; everything the shop says is replaced
    private static final String UPDATE = "update shop_order set integration_id = :integrationId, external_ref = :ref,"
            + " external_status = :status, external_state = :state, order_date = :orderDate, shop_modified_at = :modified,"
            + " customer_name = :name, customer_email = :email, address = :address, city = :city, region = :region,"
            + " postal_code = :postal, country = :country, phone = :phone, updated_at = :now, search_text = :search,"
            + " order_number = :number where id = :id";

    private static final String HISTORY = "insert into order_status_change (order_id, from_status, to_status, reason,"
            + " acknowledged, changed_at) values (:o, :from, :to, :reason, :ack, :at)";

    /** What the store holds of an order already imported. */
    private record Stored(long id, long integrationId, Instant shopModifiedAt) {
    }

    /**
     * Stores one page of orders: new ones are inserted, changed ones updated in place with their lines
     * replaced, and orders the shop reports unchanged (same modification time, same integration: the
     * overlap of an incremental sync reads them again) are left alone. Plain inserts and updates, not
     * one MERGE per order: on H2 that is a quarter to half of the statement time.
     */
    public void upsert(Handle h, long integrationId, String shopKey, List<ShopOrder> orders, Instant now) {
        if (orders.isEmpty()) {
            return;
        }
        Map<String, Stored> stored = stored(h, shopKey, orders.stream().map(OrderRepository::key).toList());
        List<ShopOrder> fresh = new ArrayList<>();
        List<ShopOrder> changed = new ArrayList<>();
        for (ShopOrder o : orders) {
            Stored s = stored.get(key(o));
            if (s == null) {
                fresh.add(o);
            } else if (s.integrationId() != integrationId || !sameMicrosecond(s.shopModifiedAt(), o.modifiedAt())) {
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
                stored.put(key(o), new Stored(id, integrationId, o.modifiedAt()));
            });
        }
        if (!fresh.isEmpty()) {
            PreparedBatch insert = h.prepareBatch(INSERT);
            fresh.forEach(o -> bindOrder(insert, integrationId, shopKey, o, now)
                    .bind("initial", ShopStateRule.initialStatus(o.state()).name()).add());
            // the generated ids come back with the batch, in its order (H2 and PostgreSQL alike): no read-back
            List<Long> ids = insert.executePreparedBatch("id").mapTo(Long.class).list();
            if (ids.size() != fresh.size()) {
                throw new IllegalStateException("the database returned " + ids.size() + " ids for " + fresh.size() + " orders");
            }
            for (int i = 0; i < ids.size(); i++) {
                stored.put(key(fresh.get(i)), new Stored(ids.get(i), integrationId, fresh.get(i).modifiedAt()));
            }
            PreparedBatch history = h.prepareBatch(HISTORY);
            fresh.forEach(o -> history.bind("o", stored.get(key(o)).id()).bind("from", (String) null)
                    .bind("to", ShopStateRule.initialStatus(o.state()).name()).bind("reason", ShopStateRule.importReason(o.state()))
                    .bind("ack", false).bind("at", now).add());
            history.execute();
        }
        if (!changed.isEmpty()) {
            PreparedBatch update = h.prepareBatch(UPDATE);
            changed.forEach(o -> bindOrder(update, integrationId, shopKey, o, now).bind("id", stored.get(key(o)).id()).add());
            update.execute();
            // one keyed delete per order: "where order_id in (select … unnest …)" makes H2 scan every line it holds
            PreparedBatch deletes = h.prepareBatch("delete from order_line where order_id = :o");
            changed.forEach(o -> deletes.bind("o", stored.get(key(o)).id()).add());
            deletes.execute();
        }
        PreparedBatch lines = h.prepareBatch("insert into order_line (order_id, external_id, listing_external_id, sku, name,"
                + " quantity, unit_price) values (:o, :e, :l, :sku, :name, :q, :p)");
        int count = 0;
        for (List<ShopOrder> part : List.of(fresh, changed)) {
            for (ShopOrder o : part) {
                long orderId = stored.get(key(o)).id();
                Set<String> lineIds = new HashSet<>();
                for (OrderLine line : o.lines()) {
                    // a shop may repeat a line id; the line still counts, under a derived id
                    String lineId = lineIds.add(line.externalId()) ? line.externalId() : line.externalId() + "#" + lineIds.size();
                    lineIds.add(lineId);
                    lines.bind("o", orderId).bind("e", cut(lineId, 128)).bind("l", cut(line.listingExternalId(), 128))
                            .bind("sku", cut(line.sku(), 255)).bind("name", cut(line.name(), 1000)).bind("q", line.quantity())
                            .bind("p", line.unitPrice()).add();
                    count++;
                }
            }
        }
        if (count > 0) {
            lines.execute();
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
                link.bind("i", integrationId).bind("k", shopKey).bind("e", key(mine.get(0))).bind("id", match.get(0).id()).add();
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
        return OrderNumber.normalize(cut(o.orderNumber(), 255));
    }

    /** The order's external id as stored (cut to its column: a shop's text is never refused). */
    private static String key(ShopOrder o) {
        return cut(o.externalId(), 128);
    }

    /** The store keeps microseconds (and rounds to them); ShipStation sends tenths of microseconds. */
    private static boolean sameMicrosecond(Instant stored, Instant shop) {
        return Math.abs(Duration.between(stored, shop).toNanos()) < 1_000;
    }

    private static PreparedBatch bindOrder(PreparedBatch batch, long integrationId, String shopKey, ShopOrder o, Instant now) {
        var c = o.customer();
        var a = c.address();
        return batch.bind("integrationId", integrationId).bind("shopKey", shopKey).bind("externalId", key(o))
                .bind("ref", cut(o.orderNumber(), 255)).bind("status", cut(o.status(), 64)).bind("state", o.state().name())
                .bind("orderDate", o.placedAt()).bind("modified", o.modifiedAt())
                .bind("name", cut(c.name(), 500)).bind("email", cut(c.email(), 500)).bind("address", cut(a.street(), 1000))
                .bind("city", cut(a.city(), 200)).bind("region", cut(a.state(), 200)).bind("postal", cut(a.postalCode(), 50))
                .bind("country", cut(a.country(), 8)).bind("phone", cut(a.phone(), 100)).bind("now", now)
                .bind("search", searchText(o)).bind("number", number(o));
    }

    private static Map<String, Stored> stored(Handle h, String shopKey, List<String> externalIds) {
        Map<String, Stored> stored = new HashMap<>();
        ShopKeys.bind(h.createQuery("select o.id, o.external_id, o.integration_id, o.shop_modified_at from " + ShopKeys.IDS
                        + " join shop_order o on o.shop_key = :k and o.external_id = ids.external_id"), externalIds)
                .bind("k", shopKey)
                .map((rs, ctx) -> Map.entry(rs.getString(2), new Stored(rs.getLong(1), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())))
                .forEach(e -> stored.put(e.getKey(), e.getValue()));
        return stored;
    }

    /** Which of these external ids the shop's orders already include. */
    public Set<String> storedExternalIds(Handle h, String shopKey, List<String> externalIds) {
        return externalIds.isEmpty() ? Set.of() : stored(h, shopKey, externalIds).keySet();
    }

    /** Filters of the orders overview. */
    public record Filter(Optional<Long> integrationId, Optional<OrderStatus> status, Optional<Instant> from,
                         Optional<Instant> toExclusive, Optional<String> q, boolean open) {
    }

    // the shop's name and customer type come from the small integration table by a scalar subquery: joined,
    // H2 starts from integration and sorts every matching order before it can return the first page
    private static final String VIEW_COLUMNS = "o.id, o.integration_id,"
            + " (select i.name from integration i where i.id = o.integration_id) as shop,"
            + " (select i.customer_type from integration i where i.id = o.integration_id) as customer_type, o.external_ref,"
            + " o.external_status, o.external_state, o.status, o.order_date, o.customer_name, o.customer_email, o.address,"
            + " o.city, o.region, o.postal_code, o.country, o.phone";

    public List<OrderView> list(Handle h, Filter filter, long offset, int limit) {
        return list(h, filter, Optional.empty(), offset, limit);
    }

    /**
     * Up to {@code limit} orders newest first: those after the cursor (read off the index from the cursor's sort key
     * on: as fast on page 20,000 as on page 2), else those after skipping {@code offset}.
     */
    public List<OrderView> list(Handle h, Filter filter, Optional<OrderCursor> after, long offset, int limit) {
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
        return withItems(h, q.map((rs, ctx) -> row(rs)).list());
    }

    /**
     * Newest first. The columns a filter fixes by equality lead the ORDER BY (they change nothing in the
     * order) so that it matches the overview indexes of migration V2 and the page is read off the index.
     */
    private static String orderBy(Filter f) {
        StringBuilder sql = new StringBuilder(" order by ");
        f.integrationId().ifPresent(x -> sql.append("o.integration_id, "));
        f.status().ifPresent(x -> sql.append("o.status, "));
        return sql.append("o.order_date desc, o.id desc").toString();
    }

    public long count(Handle h, Filter filter) {
        Query q = h.createQuery("select count(*) from shop_order o" + where(filter));
        return bind(q, filter).mapTo(Long.class).one();
    }

    /**
     * The number of matching orders, counting at most {@code cap}: an exact count of a million rows reads them all
     * (PostgreSQL keeps no row count; H2 only for the whole table), this reads at most {@code cap} index entries.
     * Without a filter on H2 it is the exact count, which H2 reads from the table's row count.
     */
    public long countUpTo(Handle h, Filter filter, int cap) {
        if (isH2(h) && where(filter).isEmpty()) {
            // H2 keeps the table's row count: the exact number is one lookup
            return count(h, filter);
        }
        Query q = h.createQuery("select count(*) from (select 1 from shop_order o" + where(filter)
                + " fetch first :cap rows only) capped");
        return bind(q, filter).bind("cap", cap).mapTo(Long.class).one();
    }

    public Optional<OrderView> find(Handle h, long id) {
        Query q = h.createQuery("select " + VIEW_COLUMNS + " from shop_order o where o.id = :id").bind("id", id);
        List<OrderView> found = withItems(h, q.map((rs, ctx) -> row(rs)).list());
        return found.stream().findFirst();
    }

    private static OrderView row(ResultSet rs) throws SQLException {
        return new OrderView(rs.getLong("id"), OrderView.tagOf(rs.getLong("id")),
                rs.getLong("integration_id"), rs.getString("shop"), rs.getString("customer_type"), rs.getString("external_ref"),
                rs.getString("external_status"), rs.getString("external_state"), OrderStatus.valueOf(rs.getString("status")),
                rs.getObject("order_date", OffsetDateTime.class).toInstant(),
                new OrderView.Customer(rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("country"),
                        rs.getString("address"), rs.getString("city"), rs.getString("region"), rs.getString("postal_code"),
                        rs.getString("phone")), List.of(), 0, "0.00", Optional.empty(), Optional.empty(), List.of());
    }

    private static String where(Filter f) {
        List<String> clauses = new ArrayList<>();
        f.integrationId().ifPresent(x -> clauses.add("o.integration_id = :integrationId"));
        f.status().ifPresent(x -> clauses.add("o.status = :status"));
        f.from().ifPresent(x -> clauses.add("o.order_date >= :from"));
        f.toExclusive().ifPresent(x -> clauses.add("o.order_date < :to"));
        // PostgreSQL serves the LIKE from its trigram index (V8); H2 scans (see V8 for why it has no index)
        f.q().ifPresent(x -> clauses.add("o.search_text like :q escape '!'"));
        if (f.open()) {
            clauses.add("(" + ShopStateRule.OPEN_SQL + ")");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static Query bind(Query q, Filter f) {
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

    /** Loads the lines of the given orders, each resolved to a catalog variant by its listing's mapping, else by SKU. */
    private static List<OrderView> withItems(Handle h, List<OrderView> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<Long, List<OrderView.Item>> items = new LinkedHashMap<>();
        orders.forEach(o -> items.put(o.id(), new ArrayList<>()));
        // a line resolves through its listing's mapping first, else through a catalog variant with its SKU
        h.createQuery("select ol.order_id, ol.sku, ol.name, ol.quantity, ol.unit_price, l.state as listing_state,"
                        + " case when l.state = 'MAPPED' then l.variant_id end as mapped_variant, v.id as sku_variant,"
                        + " pv.id as variant_id, pv.sku as variant_sku, pv.unit, pv.grind_style, p.id as product_id,"
                        + " p.name as product_name from order_line ol"
                        + " join shop_order o on o.id = ol.order_id"
                        + " left join listing l on l.shop_key = o.shop_key and l.external_id = ol.listing_external_id"
                        + " left join product_variant v on v.sku = ol.sku and ol.sku <> ''"
                        + " left join product_variant pv on pv.id = coalesce(case when l.state = 'MAPPED' then l.variant_id end, v.id)"
                        + " left join product p on p.id = pv.product_id"
                        + " where ol.order_id in (<ids>) order by ol.order_id, ol.id")
                .bindList("ids", new ArrayList<>(items.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getLong("order_id"), item(rs)))
                .forEach(e -> items.get(e.getKey()).add(e.getValue()));
        return orders.stream().map(o -> {
            List<OrderView.Item> lines = items.get(o.id());
            int unmapped = (int) lines.stream().filter(i -> !i.mapped()).count();
            BigDecimal total = lines.stream().map(i -> new BigDecimal(i.lineTotal())).reduce(BigDecimal.ZERO, BigDecimal::add);
            Optional<ShopStateRule> attention = ShopStateRule.of(o.status(), o.externalState());
            return new OrderView(o.id(), o.tag(), o.integrationId(), o.shop(), o.customerType(), o.externalRef(),
                    o.externalStatus(), o.externalState(), o.status(), o.orderDate(), o.customer(), List.copyOf(lines), unmapped,
                    Money.text(total), attention, attention.map(ShopStateRule::detail), o.history());
        }).toList();
    }

    private static OrderView.Item item(ResultSet rs) throws SQLException {
        long variant = rs.getLong("variant_id");
        Optional<Long> variantId = rs.wasNull() ? Optional.empty() : Optional.of(variant);
        rs.getLong("mapped_variant");
        String via = rs.wasNull() ? "SKU" : "mapping";
        Optional<OrderView.Resolved> product = variantId.map(v -> {
            try {
                return new OrderView.Resolved(rs.getLong("product_id"), rs.getString("product_name"), rs.getString("variant_sku"),
                        rs.getString("unit"), rs.getString("grind_style"), via);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String sku = rs.getString("sku");
        String listingState = rs.getString("listing_state");
        Optional<String> unresolved = variantId.isPresent() ? Optional.empty() : Optional.of(listingState == null
                ? (sku.isEmpty() ? "the line names no listing the host knows and has no SKU"
                        : "no listing of the shop and no catalog variant has SKU " + sku + ": synchronize products or add the SKU to the catalog")
                : switch (listingState) {
                    case "IGNORED" -> "its listing is ignored: include and map it";
                    case "UNLINKED" -> "its listing was unlinked: map it again";
                    case "MAPPED" -> "its listing's catalog variant was deleted: map it again";
                    default -> "its listing is not mapped yet: map it in the mapping wizard";
                });
        BigDecimal price = rs.getBigDecimal("unit_price");
        int quantity = rs.getInt("quantity");
        return new OrderView.Item(sku, rs.getString("name"), quantity, Money.text(price),
                Money.text(price.multiply(BigDecimal.valueOf(quantity))), variantId, variantId.isPresent(), product, unresolved);
    }

    /** The order's status changes, oldest first. */
    public List<OrderView.StatusChange> history(Handle h, long orderId) {
        return h.createQuery("select from_status, to_status, reason, acknowledged, changed_at from order_status_change"
                        + " where order_id = :o order by id")
                .bind("o", orderId)
                .map((rs, ctx) -> new OrderView.StatusChange(
                        Optional.ofNullable(rs.getString(1)).map(OrderStatus::valueOf), OrderStatus.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
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
        return h.createUpdate("delete from shop_order where integration_id = :id").bind("id", integrationId).execute();
    }

    /** What the overview's text search looks in, lower-cased: reference, customer, e-mail and the lines' SKUs. */
    static String searchText(ShopOrder o) {
        StringBuilder text = new StringBuilder().append(o.orderNumber()).append(' ').append(o.customer().name()).append(' ')
                .append(o.customer().email());
        o.lines().forEach(line -> text.append(' ').append(line.sku()));
        return cut(text.toString().toLowerCase(Locale.ROOT), 4000);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
