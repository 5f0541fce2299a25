package dev.shoplink.host.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an embedded H2 store through every access path and reports where they disagree: each
 * table's rows (a walk of the table) against a full walk of each of its indexes (every row fetched from the
 * primary index, so an index entry without its row fails here rather than in a sync), and order
 * lines whose order is gone. This is what a process killed mid-write would leave behind if the
 * store were not crash-safe; the host runs it after every unclean stop, before anything else
 * touches the data.
 */
public final class StoreIntegrity {

    private StoreIntegrity() {
    }

    /**
     * What was found: {@code problems} empty when every access path agrees. {@code notes}: H2's own row count of a table
     * (what {@code count(*)} answers from the table's size counter) differing from the rows a scan reaches; after a
     * kill that counter can be off while every index agrees (H2 issue 2080), so it is reported, not refused.
     * {@code onlyIndexesLackRows}: every problem is an index lacking entries for rows its table holds, which rebuilding
     * the indexes from the rows mends; not an index reaching rows its table lost (they would be gone for good), an index
     * that cannot be read, or lines without their order.
     */
    public record Report(List<String> problems, List<String> notes, long rowsRead, long millis, boolean onlyIndexesLackRows) {
        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    /** Checks every table of the {@code public} schema of an H2 database. */
    public static Report check(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean onlyIndexesLackRows = true;
        long rows = 0;
        Map<String, Map<String, List<String>>> indexes = indexColumns(c);
        for (var table : indexes.entrySet()) {
            long counted;
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from \"" + table.getKey() + "\"")) {
                r.next();
                counted = r.getLong(1);
            }
            // the rows themselves: a walk of the table (its primary map), which every index walk must reach as well
            long count = 0;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select * from \"" + table.getKey() + "\"")) {
                while (r.next()) {
                    count++;
                }
            }
            rows += count;
            if (counted != count) {
                notes.add(table.getKey() + ": H2 counts " + counted + " rows, a walk of the table reaches " + count);
            }
            for (var index : table.getValue().entrySet()) {
                String sql = "select * from \"" + table.getKey() + "\" use index (\"" + index.getKey() + "\") order by "
                        + String.join(", ", index.getValue());
                long seen = 0;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                    while (r.next()) {
                        seen++;
                    }
                } catch (SQLException e) {
                    problems.add(table.getKey() + " through index " + index.getKey() + ": " + firstLine(e));
                    onlyIndexesLackRows = false;
                    continue;
                }
                rows += seen;
                if (seen != count) {
                    problems.add(table.getKey() + " holds " + count + " rows but index " + index.getKey() + " reaches " + seen);
                    onlyIndexesLackRows &= seen < count;
                }
            }
        }
        if (indexes.containsKey("order_line") && indexes.containsKey("shop_order")) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from order_line l"
                    + " where not exists (select 1 from shop_order o where o.id = l.order_id)")) {
                r.next();
                if (r.getLong(1) > 0) {
                    problems.add(r.getLong(1) + " order lines belong to no order");
                    onlyIndexesLackRows = false;
                }
            }
        }
        return new Report(List.copyOf(problems), List.copyOf(notes), rows, (System.nanoTime() - t0) / 1_000_000,
                onlyIndexesLackRows);
    }

    /** table → index → its columns with their direction, in index order. */
    private static Map<String, Map<String, List<String>>> indexColumns(Connection c) throws SQLException {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select table_name, index_name, column_name, ordering_specification from information_schema.index_columns"
                        + " where table_schema = 'public' order by table_name, index_name, ordinal_position")) {
            while (r.next()) {
                out.computeIfAbsent(r.getString(1), t -> new LinkedHashMap<>())
                        .computeIfAbsent(r.getString(2), i -> new ArrayList<>())
                        .add("\"" + r.getString(3) + "\" " + ("DESC".equalsIgnoreCase(r.getString(4)) ? "desc" : "asc"));
            }
        }
        return out;
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
