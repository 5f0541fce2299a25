package dev.shoplink.host.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The word index of the orders overview's text search on H2 (table {@code order_search_word}, migration V8): every
 * word of an order's {@code search_text} (runs of letters and digits: "amara.okafor7@example.com" gives amara,
 * okafor7, example, com), one row per order and word. A search reads the orders whose words start with the longest
 * word of {@code q} off that table's primary key (a range scan), and then keeps those whose {@code search_text}
 * contains {@code q} as the plain LIKE search did. So on H2 a term finds an order when it starts a word of it (a
 * name, an order number, an e-mail, a SKU or their beginnings); PostgreSQL's trigram index also finds inner parts.
 *
 * <p>The {@link H2Trigger} keeps the table in step with {@code shop_order} inside the writing transaction, so the
 * import path writes nothing itself; rows go with their order ({@code on delete cascade}).
 */
public final class SearchWords {
    /** Longer words are cut (an e-mail's local part rarely is; a search term that long still matches its start). */
    public static final int MAX_WORD = 64;
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {
    }

    /** The distinct words of a text, lower-cased, in their order. */
    public static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                words.add(w.length() > MAX_WORD ? w.substring(0, MAX_WORD) : w);
            }
        }
        return words;
    }

    /** The word of a search term the index is read by: its longest (the most selective); empty without any. */
    public static Optional<String> indexWord(String q) {
        return of(q).stream().max(Comparator.comparingInt(String::length));
    }

    /** Writes the words of one order (after its old ones were removed). */
    static void insert(Connection c, long orderId, String searchText) throws SQLException {
        Set<String> words = of(searchText);
        if (words.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into order_search_word (word, order_id) values (?, ?)")) {
            for (String w : words) {
                ps.setString(1, w);
                ps.setLong(2, orderId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Fills the table for every order stored (migration V8 on a database that already holds orders). */
    public static long fill(Connection c) throws SQLException {
        long done = 0;
        try (PreparedStatement read = c.prepareStatement("select id, search_text from shop_order where id > ? order by id"
                + " fetch first 5000 rows only");
             PreparedStatement ins = c.prepareStatement("insert into order_search_word (word, order_id) values (?, ?)")) {
            long last = 0;
            while (true) {
                read.setLong(1, last);
                int rows = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        for (String w : of(rs.getString(2))) {
                            ins.setString(1, w);
                            ins.setLong(2, last);
                            ins.addBatch();
                        }
                        rows++;
                    }
                }
                if (rows == 0) {
                    return done;
                }
                ins.executeBatch();
                done += rows;
            }
        }
    }

    /**
     * {@code after insert, update on shop_order for each row}: replaces the order's words when its search text (or
     * id) changed; a status change or an unchanged import leaves them alone.
     */
    public static final class H2Trigger implements org.h2.api.Trigger {
        private int idColumn = -1;
        private int textColumn = -1;

        @Override
        public void init(Connection c, String schema, String trigger, String table, boolean before, int type)
                throws SQLException {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select column_name from information_schema.columns"
                    + " where lower(table_schema) = lower(?) and lower(table_name) = lower(?) order by ordinal_position")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            idColumn = columns.indexOf("id");
            textColumn = columns.indexOf("search_text");
            if (idColumn < 0 || textColumn < 0) {
                throw new SQLException("table " + table + " has no id or search_text column: " + columns);
            }
        }

        @Override
        public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
            if (newRow == null) {
                return; // deleted: the rows go by the foreign key's cascade
            }
            long id = ((Number) newRow[idColumn]).longValue();
            String text = (String) newRow[textColumn];
            if (oldRow != null) {
                long oldId = ((Number) oldRow[idColumn]).longValue();
                if (oldId == id && Objects.equals(oldRow[textColumn], text)) {
                    return;
                }
                try (PreparedStatement ps = c.prepareStatement("delete from order_search_word where order_id = ?")) {
                    ps.setLong(1, oldId);
                    ps.executeUpdate();
                }
            }
            insert(c, id, text == null ? "" : text);
        }
    }
}
