package dev.shoplink.host;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The table owners of {@code docs/ARCHITECTURE.md} and the source scan that keeps them ({@link ArchitectureTest}):
 * the string literals of a class's source file are its SQL text; a literal that inserts into, updates, deletes from or
 * merges into a table of the schema is a write of that class.
 */
final class SqlWrites {
    /** Jdbi {@code Handle} methods that create a statement able to change rows. */
    static final String CHANGING_STATEMENTS = "createUpdate|prepareBatch|execute|createScript|createCall";
    /** Every Jdbi {@code Handle} method that runs SQL text. */
    static final String ANY_STATEMENT = CHANGING_STATEMENTS + "|createQuery|select";

    /** Table → the one class that writes it. Every table of the schema has one. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("host_setting", "dev.shoplink.host.db.HostSettingRepository"),
            Map.entry("integration", "dev.shoplink.host.integrations.IntegrationRepository"),
            Map.entry("product", "dev.shoplink.host.catalog.CatalogRepository"),
            Map.entry("product_variant", "dev.shoplink.host.catalog.CatalogRepository"),
            Map.entry("listing", "dev.shoplink.host.listings.ListingRepository"),
            Map.entry("shop_order", "dev.shoplink.host.orders.OrderRepository"),
            Map.entry("order_line", "dev.shoplink.host.orders.OrderRepository"),
            Map.entry("order_status_change", "dev.shoplink.host.orders.OrderRepository"),
            Map.entry("sync_run", "dev.shoplink.host.sync.SyncRepository"),
            // db-scheduler's own table: the library writes it; the host's own statements on it sit here
            Map.entry("scheduled_tasks", "dev.shoplink.host.sync.SyncRepository"));

    private static final Path MAIN_JAVA = Path.of("src/main/java");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final String VERB = "insert\\s+into|(?<!for\\s{1,200})update|delete\\s+from|merge\\s+into";
    /** The verb and the table it names, a schema before it left out ({@code public.listing} is {@code listing}). */
    private static final Pattern WRITE = Pattern.compile(
            "\\b(" + VERB + ")\\s+(?:\"?[a-z_][a-z0-9_]*\"?\\.)?\"?([a-z_][a-z0-9_]*)");
    /**
     * A verb the literal ends with, or followed by no name: the table is concatenated, formatted ({@code %s}) or
     * templated ({@code <table>}) in, and no scan can tell which.
     */
    private static final Pattern UNNAMED = Pattern.compile("\\b(" + VERB + ")(\\s*\"?$|\\s+\"?[^a-z_\"\\s])");
    private static final Pattern CREATE_TABLE = Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?\"?([a-z_][a-z0-9_]*)");

    private SqlWrites() {
    }

    /** A write found in a class's SQL text; {@code table} is empty when the literal does not name it. */
    record Write(String table, String literal) {
    }

    static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    /** Fails with every violation: a table written by a class other than its owner, a write naming no table, an owner missing. */
    static void assertOwners(JavaClasses classes) {
        Set<String> tables = schemaTables();
        List<String> violations = new ArrayList<>();
        if (!OWNERS.keySet().equals(tables)) {
            violations.add("the schema's tables " + tables + " and the tables with an owner " + new TreeSet<>(OWNERS.keySet())
                    + " differ: give every table one owner (SqlWrites.OWNERS, docs/ARCHITECTURE.md)");
        }
        Set<String> sources = new TreeSet<>();
        for (JavaClass c : classes) {
            JavaClass top = topLevel(c);
            if (top.getPackageName().startsWith("dev.shoplink.host") && top.getSourceCodeLocation().getSourceFileName() != null) {
                sources.add(top.getPackageName().replace('.', '/') + "/" + top.getSourceCodeLocation().getSourceFileName());
            }
        }
        for (String source : sources) {
            String owner = source.substring(0, source.length() - ".java".length()).replace('/', '.');
            violations.addAll(violations(owner, read(MAIN_JAVA.resolve(source)), tables));
        }
        if (sources.size() < 20) {
            violations.add("only " + sources.size() + " source files found under " + MAIN_JAVA.toAbsolutePath()
                    + ": run from the host module");
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("tables must have one writer, their owner:\n  " + String.join("\n  ", violations));
        }
    }

    /** What the source text of class {@code className} writes that it may not: a table it does not own, or one unnamed. */
    static List<String> violations(String className, String source, Set<String> tables) {
        List<String> out = new ArrayList<>();
        for (Write w : writes(source, tables)) {
            if (w.table().isEmpty()) {
                out.add(className + " writes a table its SQL text does not name (" + shortened(w.literal())
                        + "): write the table name into the statement");
            } else if (!className.equals(OWNERS.get(w.table()))) {
                out.add(className + " writes table " + w.table() + " (" + shortened(w.literal()) + "), which "
                        + OWNERS.get(w.table()) + " owns: call the owner (or its port) in the same transaction");
            }
        }
        return out;
    }

    /** The writes in a source text, against the schema's {@code tables}. */
    static List<Write> writes(String source, Set<String> tables) {
        List<Write> out = new ArrayList<>();
        for (String literal : literals(source)) {
            String sql = literal.toLowerCase(Locale.ROOT);
            Matcher m = WRITE.matcher(sql);
            while (m.find()) {
                if (tables.contains(m.group(2))) {
                    out.add(new Write(m.group(2), literal));
                }
            }
            if (UNNAMED.matcher(sql.strip()).find()) {
                out.add(new Write("", literal));
            }
        }
        return out;
    }

    /** The string literals (and text blocks) of Java source, comments left out. */
    static List<String> literals(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                out.add(src.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    if (src.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    text.append(src.charAt(j));
                    j++;
                }
                if (c == '"') {
                    out.add(text.toString());
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    static Set<String> schemaTables() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                Matcher m = CREATE_TABLE.matcher(read(f).toLowerCase(Locale.ROOT));
                while (m.find()) {
                    tables.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    private static String shortened(String literal) {
        String one = literal.strip().replaceAll("\\s+", " ");
        return '"' + (one.length() <= 60 ? one : one.substring(0, 60) + "…") + '"';
    }
}
