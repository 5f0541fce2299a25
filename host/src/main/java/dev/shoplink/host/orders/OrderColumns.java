package dev.shoplink.host.orders;

import dev.shoplink.api.OrderLine;
import dev.shoplink.api.ShopOrder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a shop's order stores in the columns of {@code shop_order} and {@code order_line}: each text cut to its column
 * (a shop's text is never refused), the number normalized, the search text; set by position on the parameters of
 * {@link OrderRepository}'s page statements, one row of a JDBC batch at a time (plain JDBC on the sync's hot path:
 * Jdbi's binding by name looked up an argument factory for every value, a fifth of the sync thread's samples on H2).
 */
final class OrderColumns {
    /** What the shop says of an order, in the order {@link #setShopColumns} sets them: the insert and the update share them. */
    static final String[] SHOP_COLUMNS = {"external_ref", "external_status", "external_state", "order_date",
        "shop_modified_at", "customer_name", "customer_email", "address", "city", "region", "postal_code", "country",
        "phone", "search_text", "order_number"};

    private OrderColumns() {
    }

    /** The order's external id as stored (cut to its column: a shop's text is never refused). */
    static String key(ShopOrder o) {
        return cut(o.externalId(), 128);
    }

    /** The order's number as stored in {@code order_number}: normalized, cut to the reference's column. */
    static String number(ShopOrder o) {
        return OrderNumber.normalize(cut(o.orderNumber(), 255));
    }

    /** What the overview's text search looks in, lower-cased: reference, customer, e-mail and the lines' SKUs. */
    static String searchText(ShopOrder o) {
        StringBuilder text = new StringBuilder().append(o.orderNumber()).append(' ').append(o.customer().name()).append(' ')
                .append(o.customer().email());
        o.lines().forEach(line -> text.append(' ').append(line.sku()));
        return cut(text.toString().toLowerCase(Locale.ROOT), 4000);
    }

    /**
     * Sets a new order's row: integration, shop key, external id, {@link #SHOP_COLUMNS}, then the roaster's first status,
     * imported and updated at.
     */
    static void setInsert(PreparedStatement ps, long integrationId, String shopKey, ShopOrder o, OffsetDateTime now)
            throws SQLException {
        ps.setLong(1, integrationId);
        ps.setString(2, shopKey);
        ps.setString(3, key(o));
        int i = setShopColumns(ps, 4, o);
        ps.setString(i++, ShopStateRule.initialStatus(o.state()).name());
        ps.setObject(i++, now);
        ps.setObject(i, now);
    }

    /** Sets a changed order's row: integration, {@link #SHOP_COLUMNS}, updated at, then the row's id. */
    static void setUpdate(PreparedStatement ps, long integrationId, ShopOrder o, OffsetDateTime now, long id)
            throws SQLException {
        ps.setLong(1, integrationId);
        int i = setShopColumns(ps, 2, o);
        ps.setObject(i++, now);
        ps.setLong(i, id);
    }

    /** Sets a new order's first history entry: order id, from (none), to, reason, acknowledged, at. */
    static void setImportHistory(PreparedStatement ps, long orderId, ShopOrder o, OffsetDateTime now) throws SQLException {
        ps.setLong(1, orderId);
        ps.setNull(2, Types.VARCHAR);
        ps.setString(3, ShopStateRule.initialStatus(o.state()).name());
        ps.setString(4, ShopStateRule.importReason(o.state()));
        ps.setBoolean(5, false);
        ps.setObject(6, now);
    }

    /** Sets {@link #SHOP_COLUMNS} from parameter {@code from} on; returns the position after them. */
    private static int setShopColumns(PreparedStatement ps, int from, ShopOrder o) throws SQLException {
        var c = o.customer();
        var a = c.address();
        int i = from;
        ps.setString(i++, cut(o.orderNumber(), 255));
        ps.setString(i++, cut(o.status(), 64));
        ps.setString(i++, o.state().name());
        ps.setObject(i++, utc(o.placedAt()));
        ps.setObject(i++, utc(o.modifiedAt()));
        ps.setString(i++, cut(c.name(), 500));
        ps.setString(i++, cut(c.email(), 500));
        ps.setString(i++, cut(a.street(), 1000));
        ps.setString(i++, cut(a.city(), 200));
        ps.setString(i++, cut(a.state(), 200));
        ps.setString(i++, cut(a.postalCode(), 50));
        ps.setString(i++, cut(a.country(), 8));
        ps.setString(i++, cut(a.phone(), 100));
        ps.setString(i++, searchText(o));
        ps.setString(i++, number(o));
        return i;
    }

    /**
     * Adds the order's lines to the insert of {@code order_line} (order_id, external_id, listing_external_id, sku, name,
     * quantity, unit_price); how many.
     */
    static int addLines(PreparedStatement lines, long orderId, ShopOrder o) throws SQLException {
        Set<String> lineIds = new HashSet<>();
        for (OrderLine line : o.lines()) {
            // a shop may repeat a line id; the line still counts, under a derived id
            String lineId = lineIds.add(line.externalId()) ? line.externalId() : line.externalId() + "#" + lineIds.size();
            lineIds.add(lineId);
            lines.setLong(1, orderId);
            lines.setString(2, cut(lineId, 128));
            lines.setString(3, cut(line.listingExternalId(), 128));
            lines.setString(4, cut(line.sku(), 255));
            lines.setString(5, cut(line.name(), 1000));
            lines.setInt(6, line.quantity());
            lines.setBigDecimal(7, line.unitPrice());
            lines.addBatch();
        }
        return o.lines().size();
    }

    /**
     * An instant as the {@code timestamp with time zone} columns take it (what {@code db.UtcInstants} binds for Jdbi:
     * an offset date-time at UTC, never a local one of the JVM's zone).
     */
    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
