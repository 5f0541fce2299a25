package db.migration;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, an identity column hands out 32 values per sequence flush, and every flush commits the whole store
 * ({@code Sequence.flush} → {@code MVStore.commit}; with {@code WRITE_DELAY=0} a chunk written to the file, holding
 * every page the running transaction changed so far). A sync page of 500 orders and ~1,100 lines flushed ~50 times:
 * the JFR profile of a full order sync had most of its H2 time there. 5,000 values a flush make that about once in
 * four pages. The price: ids may jump by up to 5,000 after a crash (no id is ever handed out twice). PostgreSQL's
 * sequences do not commit and cache per session (gaps on every new connection), so it keeps its default.
 */
public class V7__h2_identity_cache extends BaseJavaMigration {
    static final List<String> TABLES = List.of("shop_order", "order_line", "listing");

    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")) {
            return;
        }
        try (Statement st = context.getConnection().createStatement()) {
            for (String table : TABLES) {
                st.execute("alter table " + table + " alter column id set cache 5000");
            }
        }
    }
}
