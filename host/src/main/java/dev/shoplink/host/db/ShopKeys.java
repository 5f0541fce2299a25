package dev.shoplink.host.db;

import java.util.Collection;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * "These external ids of this shop" as a table to join, so that the (shop_key, external_id) index
 * is used for every id.
 *
 * <p>Written as {@code shop_key = :k and external_id in (<ids>)}, H2 uses only the first column of
 * that index and tests the list against every row of the shop, so one page of orders cost a scan
 * of all the shop's orders; and a statement text that changes with the list's length is parsed
 * anew (by Jdbi and by the database) for every page. One array parameter keeps the text fixed;
 * {@code unnest} works on H2 and PostgreSQL alike.
 */
public final class ShopKeys {
    /** A table {@code ids(external_id)} of the bound {@code :externalIds}. */
    public static final String IDS = "unnest(cast(:externalIds as varchar(128) array)) as ids(external_id)";

    private ShopKeys() {
    }

    /** Binds {@code :externalIds} of {@link #IDS}. */
    public static <S extends SqlStatement<S>> S bind(S statement, Collection<String> externalIds) {
        return statement.bindArray("externalIds", String.class, externalIds);
    }
}
