package dev.shoplink.host.listings;

import dev.shoplink.api.Listing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What a shop's listing stores in the columns of {@code listing}, each text cut to its column (a shop's text is never
 * refused: an oversized name must not stop a sync), set by position on the parameters of {@link ListingRepository}'s
 * page statements, one row of a JDBC batch at a time (as {@code orders.OrderColumns} does for orders, and for the same
 * reason: Jdbi's per-row binding by name weighed as much as the inserts on the sync's hot path).
 */
final class ListingColumns {
    /** What the shop says of a listing, in the order {@link #setShopColumns} sets them: the insert and the update share them. */
    static final String[] SHOP_COLUMNS = {"integration_id", "sku", "name", "variant", "parent_external_id", "price",
        "shop_active", "shop_created_at", "shop_modified_at", "last_seen_sync"};

    /** A listing of a page as it is written: its stored external id, whether offered, and for a new one its state and mapping. */
    record Row(String externalId, Listing listing, boolean offered, ListingState state, Long variantId) {
    }

    private ListingColumns() {
    }

    /** Sets a new listing's row: {@link #SHOP_COLUMNS}, offered, first seen at, state, variant, shop key, external id. */
    static void setInsert(PreparedStatement ps, long integrationId, String shopKey, Row row, long syncId,
                          OffsetDateTime now) throws SQLException {
        int i = setShopColumns(ps, integrationId, row.listing(), syncId);
        ps.setBoolean(i++, row.offered());
        ps.setObject(i++, now);
        ps.setString(i++, row.state().name());
        if (row.variantId() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, row.variantId());
        }
        ps.setString(i++, shopKey);
        ps.setString(i, row.externalId());
    }

    /** Sets a known listing's row: {@link #SHOP_COLUMNS}, offered, then the key (shop key, external id). */
    static void setUpdate(PreparedStatement ps, long integrationId, String shopKey, Row row, long syncId)
            throws SQLException {
        int i = setShopColumns(ps, integrationId, row.listing(), syncId);
        ps.setBoolean(i++, row.offered());
        ps.setString(i++, shopKey);
        ps.setString(i, row.externalId());
    }

    /** Sets {@link #SHOP_COLUMNS} from parameter 1 on; returns the position after them. */
    private static int setShopColumns(PreparedStatement ps, long integrationId, Listing l, long syncId) throws SQLException {
        ps.setLong(1, integrationId);
        ps.setString(2, cut(l.sku(), 255));
        ps.setString(3, cut(l.name(), 1000));
        ps.setString(4, cut(l.variantTitle(), 1000));
        ps.setString(5, cut(l.parentProductId(), 128));
        BigDecimal price = l.price().map(p -> p.setScale(4, RoundingMode.HALF_UP)).orElse(null);
        if (price == null) {
            ps.setNull(6, Types.DECIMAL);
        } else {
            ps.setBigDecimal(6, price);
        }
        ps.setBoolean(7, l.active());
        ps.setObject(8, OffsetDateTime.ofInstant(l.createdAt(), ZoneOffset.UTC));
        ps.setObject(9, OffsetDateTime.ofInstant(l.modifiedAt(), ZoneOffset.UTC));
        ps.setLong(10, syncId);
        return SHOP_COLUMNS.length + 1;
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
