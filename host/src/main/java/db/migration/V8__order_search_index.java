package db.migration;

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
 * <p>H2 gets nothing here and keeps the scan. H2 has no trigram index; a word table kept by a trigger was tried
 * (whole words by prefix, "okaf" for Okafor) and removed: H2 did not drive the query from it (9.8 s against 5.7 s by
 * scan at 1,000,000 orders), and the kill suite found the table's primary key holding entries for rows a SIGKILL had
 * rolled back ("order_search_word holds 212028 rows but index PRIMARY_KEY_93 reaches 212368"), which the start-up
 * integrity check rightly refuses. A store that keeps what it answered comes before a faster search. H2's search is
 * now served from outside the store instead: a derived Lucene index in the data folder ({@code search.OrderTextIndex},
 * docs/ARCHITECTURE.md "The orders' text index") whose answers the store checks, and which the store never depends on.
 */
public class V8__order_search_index extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V8__order_search_index.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName();
        try (Statement st = c.createStatement()) {
            if (product.equalsIgnoreCase("H2")) {
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
