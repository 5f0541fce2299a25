package dev.shoplink.host.listings;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The listings list's read model ({@link ListingRepository} answers through it): pages of an integration's listings
 * by state and text, each with its mapping joined, their count, and the row mapper of a listing.
 */
final class ListingOverview {
    static final String COLUMNS = "l.id, l.integration_id, l.external_id, l.sku, l.name, l.variant, l.price,"
            + " l.shop_active, l.active, l.offered, l.state, l.variant_id, l.shop_created_at, l.parent_external_id";

    private static final String WITH_MAPPING = "select " + COLUMNS + ", v.product_id, p.name as product_name,"
            + " v.sku as v_sku, v.unit, v.grind_style from listing l left join product_variant v on v.id = l.variant_id"
            + " left join product p on p.id = v.product_id where ";

    private ListingOverview() {
    }

    /** A page of the integration's listings, newest in the shop first; {@code q} a text any of its fields contains. */
    static List<ListingRepository.Row> list(Handle h, long integrationId, Optional<ListingState> state, String q,
                                            boolean includeHidden, long offset, int limit) {
        return h.createQuery(WITH_MAPPING + where(state, includeHidden)
                        + " order by l.shop_created_at desc, l.id desc offset :offset rows fetch next :limit rows only")
                .bind("i", integrationId).bind("state", state.map(Enum::name).orElse("")).bind("q", like(q))
                .bind("offset", offset).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list();
    }

    /** One listing of the integration with its mapping. */
    static Optional<ListingRepository.Row> row(Handle h, long integrationId, long id) {
        return h.createQuery(WITH_MAPPING + "l.integration_id = :i and l.id = :id")
                .bind("i", integrationId).bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    private static ListingRepository.Row row(ResultSet rs) throws SQLException {
        StoredListing l = map(rs);
        Optional<ListingView.Mapping> m = l.variantId().isEmpty() || rs.getString("v_sku") == null
                ? Optional.empty()
                : Optional.of(new ListingView.Mapping(rs.getLong("product_id"), rs.getString("product_name"),
                        l.variantId().get(), rs.getString("v_sku"), rs.getString("unit"), rs.getString("grind_style")));
        return new ListingRepository.Row(l, m);
    }

    static long count(Handle h, long integrationId, Optional<ListingState> state, String q, boolean includeHidden) {
        return h.createQuery("select count(*) from listing l where " + where(state, includeHidden))
                .bind("i", integrationId).bind("state", state.map(Enum::name).orElse("")).bind("q", like(q))
                .mapTo(Long.class).one();
    }

    private static String where(Optional<ListingState> state, boolean includeHidden) {
        return "l.integration_id = :i" + (state.isPresent() ? " and l.state = :state" : "")
                + (includeHidden ? "" : " and l.offered")
                + " and (:q = '%%' or lower(l.name) like :q escape '!' or lower(l.sku) like :q escape '!'"
                + " or lower(l.variant) like :q escape '!' or l.external_id like :q escape '!')";
    }

    private static String like(String q) {
        String s = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return "%" + s.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** A listing of a row holding {@link #COLUMNS}. */
    static StoredListing map(ResultSet rs) throws SQLException {
        long variantId = rs.getLong("variant_id");
        Optional<Long> variant = rs.wasNull() ? Optional.empty() : Optional.of(variantId);
        BigDecimal price = rs.getBigDecimal("price");
        return new StoredListing(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("external_id"),
                rs.getString("sku"), rs.getString("name"), rs.getString("variant"), Optional.ofNullable(price),
                rs.getBoolean("shop_active"), rs.getBoolean("active"), rs.getBoolean("offered"),
                ListingState.valueOf(rs.getString("state")), variant,
                rs.getObject("shop_created_at", OffsetDateTime.class).toInstant(), rs.getString("parent_external_id"));
    }
}
