package dev.shoplink.host.listings;

import dev.shoplink.api.Listing;
import dev.shoplink.host.catalog.MappedListings;
import dev.shoplink.host.db.ShopKeys;
import dev.shoplink.host.db.StoreWriteException;
import dev.shoplink.host.integrations.IntegrationRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL of listings, the one writer of the {@code listing} table (also for the catalog and integrations, through their
 * ports). Upserts are keyed by shop + external id, so a reconnected shop adopts its listings and mappings. The listings
 * list's reads are {@link ListingOverview}'s.
 */
public final class ListingRepository implements IntegrationRows.ListingRows, MappedListings {
    // the page statements: plain JDBC, their parameters set by position (ListingColumns)
    private static final String INSERT = "insert into listing (" + String.join(", ", ListingColumns.SHOP_COLUMNS)
            + ", offered, active, first_seen_at, state, variant_id, shop_key, external_id) values ("
            + "?, ".repeat(ListingColumns.SHOP_COLUMNS.length) + "?, true, ?, ?, ?, ?, ?)";
    // state, mapping and a listing's offer (once made) stay; what the shop says is replaced
    private static final String UPDATE = "update listing set " + String.join(" = ?, ", ListingColumns.SHOP_COLUMNS)
            + " = ?, offered = (offered or ?), active = true where shop_key = ? and external_id = ?";

    /**
     * Inserts or updates the listings of one page; mapping and state are never touched. Plain inserts for the
     * listings the shop's rows do not hold yet and keyed updates for the others, not one MERGE each: on H2 that is a
     * quarter to half of the statement time. A listing the page names twice counts once, its last version.
     */
    public void upsert(Handle h, long integrationId, String shopKey, Collection<Listing> listings,
                       Instant offeredSince, boolean forceOffered, long syncId, Instant now) {
        if (listings.isEmpty()) {
            return;
        }
        Map<String, Listing> byId = new java.util.LinkedHashMap<>();
        listings.forEach(l -> byId.put(cut(l.externalId(), 128), l));
        Set<String> known = offeredByExternalId(h, shopKey, byId.keySet()).keySet();
        // a switched integration's new listings take the state and mapping of the predecessor's with the same SKU
        Map<String, SkuHistory> inherited = predecessorSkus(h, integrationId, byId.entrySet().stream()
                .filter(e -> !known.contains(e.getKey())).map(e -> cut(e.getValue().sku(), 255)).toList());
        List<ListingColumns.Row> fresh = new ArrayList<>();
        List<ListingColumns.Row> update = new ArrayList<>();
        for (var entry : byId.entrySet()) {
            Listing l = entry.getValue();
            boolean offered = forceOffered || !l.createdAt().isBefore(offeredSince);
            if (known.contains(entry.getKey())) {
                update.add(new ListingColumns.Row(entry.getKey(), l, offered, null, null));
            } else {
                SkuHistory history = inherited.get(cut(l.sku(), 255));
                fresh.add(new ListingColumns.Row(entry.getKey(), l, offered,
                        history == null ? ListingState.NEW : history.inheritedState(),
                        history == null ? null : history.inheritedVariant().orElse(null)));
            }
        }
        try {
            write(h.getConnection(), integrationId, shopKey, syncId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), fresh,
                    update);
        } catch (SQLException e) {
            throw new StoreWriteException("cannot store a page of " + byId.size() + " listings", e);
        }
    }

    /**
     * The page's inserts, then its updates: JDBC batches on the handle's connection, in its transaction, each executed
     * once for the page (one round trip on PostgreSQL); on the embedded store the first takes the write turn
     * ({@code db.SerialWrites}).
     */
    private static void write(Connection c, long integrationId, String shopKey, long syncId, OffsetDateTime now,
                              List<ListingColumns.Row> fresh, List<ListingColumns.Row> known) throws SQLException {
        if (!fresh.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (ListingColumns.Row row : fresh) {
                    ListingColumns.setInsert(insert, integrationId, shopKey, row, syncId, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!known.isEmpty()) {
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                for (ListingColumns.Row row : known) {
                    ListingColumns.setUpdate(update, integrationId, shopKey, row, syncId);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    /**
     * What a switch's predecessor did with one SKU: the catalog variants its mapped listings of that SKU point to,
     * and whether one of them is ignored. One variant: a new listing with the SKU arrives {@code MAPPED} to it; two
     * or more: a conflict, the listing arrives {@code NEW} for the wizard; none but ignored: {@code IGNORED}.
     */
    public record SkuHistory(Set<Long> mappedVariants, boolean ignored) {
        public boolean conflict() {
            return mappedVariants.size() > 1;
        }

        public ListingState inheritedState() {
            if (mappedVariants.size() == 1) {
                return ListingState.MAPPED;
            }
            return mappedVariants.isEmpty() && ignored ? ListingState.IGNORED : ListingState.NEW;
        }

        public Optional<Long> inheritedVariant() {
            return mappedVariants.size() == 1 ? Optional.of(mappedVariants.iterator().next()) : Optional.empty();
        }
    }

    /** {@link #skuHistory} of the integration a switch replaced with this one; nothing for other integrations. */
    private Map<String, SkuHistory> predecessorSkus(Handle h, long integrationId, Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        Optional<Long> predecessor = h.createQuery("select switched_from from integration where id = :i")
                .bind("i", integrationId).mapTo(Long.class).findOne().filter(Objects::nonNull);
        return predecessor.map(p -> skuHistory(h, p, skus)).orElse(Map.of());
    }

    /** What the integration's listings with these SKUs are mapped to or whether they are ignored, by SKU (blank SKUs never). */
    public Map<String, SkuHistory> skuHistory(Handle h, long integrationId, Collection<String> skus) {
        List<String> wanted = skus.stream().filter(sku -> !sku.isBlank()).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<Long>> variants = new HashMap<>();
        Map<String, Boolean> ignored = new HashMap<>();
        h.createQuery("select l.sku, l.state, l.variant_id from unnest(cast(:skus as varchar(255) array)) as s(sku)"
                        + " join listing l on l.integration_id = :i and l.sku = s.sku"
                        + " where l.state = 'IGNORED' or (l.state = 'MAPPED' and l.variant_id is not null)")
                .bindArray("skus", String.class, wanted).bind("i", integrationId)
                .map((rs, ctx) -> {
                    long variant = rs.getLong(3);
                    return new Object[] {rs.getString(1), rs.getString(2), rs.wasNull() ? null : variant};
                })
                .forEach(row -> {
                    String sku = (String) row[0];
                    variants.computeIfAbsent(sku, k -> new TreeSet<>());
                    ignored.merge(sku, row[1].equals(ListingState.IGNORED.name()), Boolean::logicalOr);
                    if (row[1].equals(ListingState.MAPPED.name())) {
                        variants.get(sku).add((Long) row[2]);
                    }
                });
        Map<String, SkuHistory> out = new HashMap<>();
        variants.forEach((sku, v) -> out.put(sku, new SkuHistory(Collections.unmodifiableSet(v), ignored.get(sku))));
        return out;
    }

    private static String cut(String s, int max) {
        return ListingColumns.cut(s, max);
    }

    /** After a complete product pass: listings the shop no longer reported are inactive, never deleted. */
    public int markVanished(Handle h, long integrationId, long syncId) {
        return h.createUpdate("update listing set shop_active = false where integration_id = :i"
                        + " and shop_active and (last_seen_sync is null or last_seen_sync <> :s)")
                .bind("i", integrationId).bind("s", syncId).execute();
    }

    /** Which of these external ids the shop's listings already include, each with whether it is offered for mapping. */
    public Map<String, Boolean> offeredByExternalId(Handle h, String shopKey, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Boolean> known = new HashMap<>();
        ShopKeys.bind(h.createQuery("select l.external_id, l.offered from " + ShopKeys.IDS + " join listing l"
                        + " on l.shop_key = :k and l.external_id = ids.external_id"), externalIds)
                .bind("k", shopKey).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> known.put(e.getKey(), e.getValue()));
        return known;
    }

    /** An order contains these listings: offer them for mapping even if they predate the sync start date. */
    public void offer(Handle h, String shopKey, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return;
        }
        // one keyed update each: "where external_id in (select …)" makes H2 run the subquery for every row
        PreparedBatch batch = h.prepareBatch("update listing set offered = true where shop_key = :k and external_id = :e");
        externalIds.forEach(id -> batch.bind("k", shopKey).bind("e", id).add());
        batch.execute();
    }

    public Optional<StoredListing> find(Handle h, long integrationId, long id) {
        return h.createQuery("select " + ListingOverview.COLUMNS + " from listing l where l.id = :id and l.integration_id = :i")
                .bind("id", id).bind("i", integrationId).map((rs, ctx) -> ListingOverview.map(rs)).findOne();
    }

    /** Row of a listing list with its mapping joined. */
    public record Row(StoredListing listing, Optional<ListingView.Mapping> mapping) {
    }

    /** A page of the integration's listings, newest in the shop first ({@link ListingOverview#list}). */
    public List<Row> list(Handle h, long integrationId, Optional<ListingState> state, String q, boolean includeHidden,
                          long offset, int limit) {
        return ListingOverview.list(h, integrationId, state, q, includeHidden, offset, limit);
    }

    /** One listing of the integration with its mapping. */
    public Optional<Row> row(Handle h, long integrationId, long id) {
        return ListingOverview.row(h, integrationId, id);
    }

    public long count(Handle h, long integrationId, Optional<ListingState> state, String q, boolean includeHidden) {
        return ListingOverview.count(h, integrationId, state, q, includeHidden);
    }

    /** A catalog product's id and name, for suggestions by similarity. */
    public record CatalogName(long id, String name) {
    }

    public List<CatalogName> catalogNames(Handle h) {
        return h.createQuery("select id, name from product order by id")
                .map((rs, ctx) -> new CatalogName(rs.getLong(1), rs.getString(2))).list();
    }

    /** Listings of the integration whose SKU the catalog already holds, with that variant (listing id → mapping). */
    public Map<Long, ListingView.Mapping> catalogVariantsBySku(Handle h, long integrationId) {
        Map<Long, ListingView.Mapping> found = new HashMap<>();
        h.createQuery("select l.id, v.product_id, p.name, v.id as variant_id, v.sku, v.unit, v.grind_style from listing l"
                        + " join product_variant v on v.sku = l.sku join product p on p.id = v.product_id"
                        + " where l.integration_id = :i and l.sku <> ''")
                .bind("i", integrationId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new ListingView.Mapping(rs.getLong(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7))))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    public void setState(Handle h, long id, ListingState state, Optional<Long> variantId) {
        h.createUpdate("update listing set state = :s, variant_id = :v where id = :id")
                .bind("s", state.name()).bind("v", variantId.orElse(null)).bind("id", id).execute();
    }

    @Override
    public int unlinkVariant(Handle h, long variantId) {
        return h.createUpdate("update listing set state = 'UNLINKED', variant_id = null where variant_id = :id")
                .bind("id", variantId).execute();
    }

    @Override
    public int unlinkVariantsOfProduct(Handle h, long productId) {
        return h.createUpdate("update listing set state = 'UNLINKED', variant_id = null where variant_id in"
                + " (select id from product_variant where product_id = :id)").bind("id", productId).execute();
    }

    @Override
    public long countOfShop(Handle h, String shopKey) {
        return h.createQuery("select count(*) from listing where shop_key = :k").bind("k", shopKey).mapTo(Long.class).one();
    }

    @Override
    public void moveToShopKey(Handle h, String oldKey, String newKey) {
        h.createUpdate("update listing set shop_key = :n where shop_key = :o").bind("n", newKey).bind("o", oldKey).execute();
    }

    @Override
    public int deactivate(Handle h, long integrationId) {
        return h.createUpdate("update listing set active = false where integration_id = :id and active")
                .bind("id", integrationId).execute();
    }

    @Override
    public int purge(Handle h, long integrationId) {
        return h.createUpdate("delete from listing where integration_id = :id").bind("id", integrationId).execute();
    }
}
