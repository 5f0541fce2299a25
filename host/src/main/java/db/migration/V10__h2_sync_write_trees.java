package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fewer store writes per imported order on H2 (docs/BENCHMARKS.md, "The sync's write path"); PostgreSQL is left as
 * it is.
 *
 * <p>Identity caches ({@code V7} says why a flush costs a whole store commit): {@code order_status_change} had none
 * (V7 gave one to {@code shop_order}, {@code order_line} and {@code listing} only), so its 32 values a flush committed
 * the store every 32 imported orders, ~16 times a page of 500: 16 % of the sync thread's samples in the profile of a
 * full order sync. It and {@code order_line} (~2.3 lines an order: V7's 5,000 still flushed every ~4 pages, 6 % of
 * the samples after the first fix) now take 50,000 values a flush. Their ids are nowhere shown; after a crash they
 * may jump by up to 50,000 (a {@code bigint}). Orders keep V7's 5,000: their ids are the {@code OR-} tags people read.
 *
 * <p>Two indexes that repeat one H2 made itself: H2 gives every foreign key an index on exactly its columns (it never
 * reuses a longer one), so {@code order_status_change (order_id)} and {@code listing (variant_id)} each had two trees.
 * {@code listing_variant} is the same column; {@code order_status_change_order (order_id, id)} holds nothing more on
 * H2, whose secondary indexes end with the row's key, here the id. PostgreSQL makes no index for a foreign key, so
 * there these two are the only ones and stay.
 */
public class V10__h2_sync_write_trees extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")) {
            return;
        }
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("alter table order_status_change alter column id set cache 50000");
            st.execute("alter table order_line alter column id set cache 50000");
            st.execute("drop index order_status_change_order");
            st.execute("drop index listing_variant");
        }
    }
}
