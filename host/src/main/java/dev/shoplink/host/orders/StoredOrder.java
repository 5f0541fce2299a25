package dev.shoplink.host.orders;

import dev.shoplink.host.db.ShopKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What the store holds of an order already imported: its row's id, its integration and the shop's last modification. */
record StoredOrder(long id, long integrationId, Instant shopModifiedAt) {

    /** The shop's orders with these (stored, cut) external ids that the store holds, by external id. */
    static Map<String, StoredOrder> byExternalId(Handle h, String shopKey, List<String> externalIds) {
        Map<String, StoredOrder> stored = new HashMap<>();
        ShopKeys.bind(h.createQuery("select o.id, o.external_id, o.integration_id, o.shop_modified_at from " + ShopKeys.IDS
                        + " join shop_order o on o.shop_key = :k and o.external_id = ids.external_id"), externalIds)
                .bind("k", shopKey)
                .map((rs, ctx) -> Map.entry(rs.getString(2), new StoredOrder(rs.getLong(1), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())))
                .forEach(e -> stored.put(e.getKey(), e.getValue()));
        return stored;
    }

    /**
     * Whether the shop reports the order as stored: same integration, same modification time (the overlap of an
     * incremental sync reads such orders again). The store keeps microseconds (and rounds to them); ShipStation sends
     * tenths of microseconds.
     */
    boolean unchanged(long byIntegration, Instant shopModified) {
        return integrationId == byIntegration && Math.abs(Duration.between(shopModifiedAt, shopModified).toNanos()) < 1_000;
    }
}
