package db.migration;

import dev.shoplink.host.orders.SearchWords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index for the orders overview's text search ({@code q=}, a LIKE '%term%' over {@code search_text}), which read
 * every order: 5.7 s a request over 1,000,000 orders.
 *
 * <p>PostgreSQL: a trigram GIN index ({@code pg_trgm}, a contrib extension every Debian/RPM package and managed
 * service ships; created here when the database allows it). The planner serves the unchanged LIKE from it.
 * Without the extension the search still works, as the scan it was, and the host's log says so.
 *
 * <p>H2 has no trigram index. Its own full-text search (FT_*) matches whole words only (no "okaf" for Okafor) and
 * keeps its tables in a schema of its own outside Flyway; Lucene (FT_LUCENE) is a further library and an index
 * folder beside the database file. So the host keeps a word table
 * ({@code order_search_word}, see {@link SearchWords}) filled by a trigger in the writing transaction.
 */
public class V8__order_search_index extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V8__order_search_index.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName();
        try (Statement st = c.createStatement()) {
            if (product.equalsIgnoreCase("H2")) {
                // filled first, keyed after: H2 builds an index over stored rows in sorted runs, while inserting into
                // the keys row by row inside this (one, long) transaction slows down as it grows
                st.execute("create table order_search_word (word varchar(" + SearchWords.MAX_WORD + ") not null,"
                        + " order_id bigint not null)");
                long filled = SearchWords.fill(c);
                if (filled > 0) {
                    LOG.info("indexed the words of {} orders for the text search", filled);
                }
                st.execute("alter table order_search_word add constraint order_search_word_pk primary key (word, order_id)");
                st.execute("create index order_search_word_order on order_search_word (order_id)");
                st.execute("alter table order_search_word add constraint order_search_word_order_fk foreign key (order_id)"
                        + " references shop_order (id) on delete cascade");
                st.execute("create trigger shop_order_search_words after insert, update on shop_order for each row"
                        + " call '" + SearchWords.H2Trigger.class.getName() + "'");
                return;
            }
            if (!trigramAvailable(st)) {
                LOG.warn("PostgreSQL's pg_trgm extension is not available to this database (install the server's contrib"
                        + " package, or CREATE EXTENSION pg_trgm as a superuser, then restart): the orders' text search"
                        + " reads every order");
                return;
            }
            st.execute("create extension if not exists pg_trgm");
            st.execute("create index shop_order_search_trgm on shop_order using gin (search_text gin_trgm_ops)");
        }
    }

    /** Installed already, or installable by this user (trusted since PostgreSQL 13, else a superuser's). */
    private static boolean trigramAvailable(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("select (select count(*) from pg_extension where extname = 'pg_trgm'),"
                + " (select count(*) from pg_available_extensions where name = 'pg_trgm'),"
                + " (select rolsuper from pg_roles where rolname = current_user),"
                + " has_database_privilege(current_database(), 'CREATE')")) {
            rs.next();
            return rs.getLong(1) > 0 || (rs.getLong(2) > 0 && (rs.getBoolean(3) || rs.getBoolean(4)));
        }
    }
}
