package dev.shoplink.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The source scan behind {@code ArchitectureTest.eachTableHasOneWriter} finds writes, and only writes. */
class SqlWritesTest {
    static final Set<String> TABLES = Set.of("listing", "shop_order", "sync_run");

    @Test
    void findsEveryKindOfWriteAndTheTableItNames() {
        String source = """
                class Planted {
                    void run(Handle h) {
                        h.createUpdate("UPDATE listing set active = false where id = :id").execute();
                        h.createUpdate("delete from shop_order where id = :id").execute();
                        h.createUpdate("insert into sync_run (integration_id) values (:i)").execute();
                        h.execute("merge into \\"listing\\" key (id) values (1)");
                    }
                }
                """;
        assertThat(SqlWrites.writes(source, TABLES)).extracting(SqlWrites.Write::table)
                .containsExactly("listing", "shop_order", "sync_run", "listing");
    }

    @Test
    void aTableConcatenatedInIsAWriteWithoutATableNotAMiss() {
        String source = "class Dodge { void run(Handle h, String t) { h.createUpdate(\"update \" + t + \" set x = 1\"); } }";
        assertThat(SqlWrites.writes(source, TABLES)).extracting(SqlWrites.Write::table).containsExactly("");
    }

    @Test
    void aTableFormattedOrTemplatedInIsAWriteWithoutATable() {
        String source = """
                class Dodge {
                    String a = "update %s set active = false";
                    String b = "delete from <table> where id = :id";
                    String c = "insert into \\"%s\\" (id) values (1)";
                }
                """;
        assertThat(SqlWrites.writes(source, TABLES)).extracting(SqlWrites.Write::table).containsExactly("", "", "");
    }

    @Test
    void aTableNamedWithItsSchemaIsThatTable() {
        String source = "class Qualified { String a = \"update public.listing set active = false\";"
                + " String b = \"delete from \\\"public\\\".\\\"sync_run\\\"\"; }";
        assertThat(SqlWrites.writes(source, TABLES)).extracting(SqlWrites.Write::table).containsExactly("listing", "sync_run");
    }

    @Test
    void aWriteOfAnotherClassesTableOrOfAnUnnamedOneIsAViolationTheOwnersIsNot() {
        String source = "class Writes { String a = \"update listing set active = false\"; String b = \"delete from \" + t; }";
        assertThat(SqlWrites.violations("dev.shoplink.host.catalog.CatalogRepository", source, TABLES))
                .satisfiesExactly(
                        v -> assertThat(v).contains("writes table listing").contains("dev.shoplink.host.listings.ListingRepository owns"),
                        v -> assertThat(v).contains("does not name"));
        assertThat(SqlWrites.violations("dev.shoplink.host.listings.ListingRepository",
                "class Writes { String a = \"update listing set active = false\"; }", TABLES)).isEmpty();
    }

    @Test
    void readsLocksCommentsWordsAndUnknownTablesAreNoWrites() {
        String source = """
                // update listing set active = false
                /* delete from shop_order */
                class Reads {
                    String a = "select id from listing where id = :id for update";
                    String b = "select updated_at from shop_order";
                    String c = "update product set name = :n";
                    char q = '"';
                    String d = "the listing's last_update was lost";
                    String e = \"""
                            select id from listing where id = :id for
                                update
                            \""";
                    String f = "the listings were updated";
                }
                """;
        assertThat(SqlWrites.writes(source, TABLES)).isEmpty();
    }

    @Test
    void textBlocksAreSqlTextToo() {
        String source = "class Block { String sql = \"\"\"\n    delete from sync_run\n    where id = :id\n    \"\"\"; }";
        assertThat(SqlWrites.writes(source, TABLES)).extracting(SqlWrites.Write::table).containsExactly("sync_run");
    }
}
