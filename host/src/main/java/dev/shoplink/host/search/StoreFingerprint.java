package dev.shoplink.host.search;

import org.jdbi.v3.core.Jdbi;

/**
 * Which store an index was last brought up to, as cheap as a start-up can afford: the number of orders and the
 * highest order id (both read off H2's table statistics and primary key) and the last migration applied. A clean stop
 * records it; the next start trusts the index without a catch-up only when the store still says the same (an
 * unclean stop is never trusted). A different schema means a migration may have rewritten texts: built afresh.
 */
final class StoreFingerprint {
    private StoreFingerprint() {
    }

    static String read(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            String orders = h.createQuery("select count(*) || ';last=' || coalesce(max(id), 0) from shop_order")
                    .mapTo(String.class).one();
            String schema = h.createQuery("select max(\"installed_rank\") from \"flyway_schema_history\" where \"success\"")
                    .mapTo(String.class).one();
            return "orders=" + orders + ";schema=" + schema;
        });
    }

    /** The schema part of a fingerprint ("" when it has none). */
    static String schema(String fingerprint) {
        int at = fingerprint.indexOf(";schema=");
        return at < 0 ? "" : fingerprint.substring(at + 1);
    }
}
