package dev.shoplink.host.db;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A condition "these external ids of this shop" that uses the (shop_key, external_id) index.
 *
 * <p>Written as {@code shop_key = :k and external_id in (...)}, H2 only uses the first column of
 * that index and tests the IN list against every row of the shop: one page of orders then costs a
 * scan of all the shop's orders. A row-value IN list is looked up entry by entry, on H2 and on
 * PostgreSQL alike.
 */
public final class ShopKeys {
    private ShopKeys() {
    }

    /** {@code (shop_key, external_id) in ((:sk, :x0), (:sk, :x1), ...)}, prefixed by {@code alias.} when given. */
    public static String inList(String alias, int count) {
        String prefix = alias.isEmpty() ? "" : alias + ".";
        StringBuilder sql = new StringBuilder("(").append(prefix).append("shop_key, ").append(prefix)
                .append("external_id) in (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append("(:sk, :x").append(i).append(')');
        }
        return sql.append(')').toString();
    }

    /** Binds the placeholders of {@link #inList}. */
    public static <S extends SqlStatement<S>> S bind(S statement, String shopKey, Collection<String> externalIds) {
        statement.bind("sk", shopKey);
        int i = 0;
        for (String id : List.copyOf(externalIds)) {
            statement.bind("x" + i++, id);
        }
        return statement;
    }
}
