package dev.shoplink.host.orders;

import dev.shoplink.host.domain.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The lines of listed orders, each resolved to a catalog variant (or told why not), with the orders' totals. */
final class OrderItems {
    private OrderItems() {
    }

    /** Loads the lines of the given orders, each resolved to a catalog variant by its listing's mapping, else by SKU. */
    static List<OrderView> withItems(Handle h, List<OrderView> orders) {
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
        Map<Long, String[]> shops = shops(h, orders);
        return orders.stream().map(o -> {
            List<OrderView.Item> lines = items.get(o.id());
            String[] shop = shops.getOrDefault(o.integrationId(), new String[2]);
            int unmapped = (int) lines.stream().filter(i -> !i.mapped()).count();
            BigDecimal total = lines.stream().map(i -> new BigDecimal(i.lineTotal())).reduce(BigDecimal.ZERO, BigDecimal::add);
            Optional<ShopStateRule> attention = ShopStateRule.of(o.status(), o.externalState());
            return new OrderView(o.id(), o.tag(), o.integrationId(), shop[0], shop[1], o.externalRef(),
                    o.externalStatus(), o.externalState(), o.status(), o.orderDate(), o.customer(), List.copyOf(lines), unmapped,
                    Money.text(total), attention, attention.map(ShopStateRule::detail), o.history());
        }).toList();
    }

    /**
     * The name and customer type of the orders' integrations, read once a page (a page names one to a few); read
     * with the orders, so a renamed integration shows its new name at once.
     */
    private static Map<Long, String[]> shops(Handle h, List<OrderView> orders) {
        Map<Long, String[]> shops = new HashMap<>();
        h.createQuery("select id, name, customer_type from integration where id in (<ids>)")
                .bindList("ids", orders.stream().map(OrderView::integrationId).distinct().toList())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)}))
                .forEach(e -> shops.put(e.getKey(), e.getValue()));
        return shops;
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
}
