package dev.shoplink.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@link Benchmarks}; picocli fills the annotated fields and calls the annotated setters in
 * command-line order. One field an option, each with its help text beside it: the class is mostly that list.
 */
@Command(name = "Benchmarks", customSynopsis = "Benchmarks --root DIR [options]", sortOptions = false,
        usageHelpWidth = 120)
final class BenchOptions {
    static final Set<String> BENCHMARKS = Set.of("download", "sync", "ratelimit", "api", "startup", "many");

    enum Jfr { AUTO, ALWAYS, NEVER }

    @Option(names = "--root", paramLabel = "DIR", description = "the Shoplink checkout (default: the working folder)")
    Path root;
    @Option(names = "--dist", paramLabel = "DIR",
            description = "distribution folder with bin/shoplink (default: found under distribution/target)")
    Path dist;
    @Option(names = "--out", paramLabel = "FILE", description = "report (default <root>/docs/BENCHMARKS.md)")
    Path out;
    @Option(names = "--work", paramLabel = "DIR", description = "scratch folder (default <root>/bench/target/work)")
    Path work;
    @Option(names = "--only", paramLabel = "LIST", split = ",",
            description = "download,sync,ratelimit,api,startup,many (default all; download runs with sync)")
    Set<String> only = new LinkedHashSet<>(List.of("download", "sync", "ratelimit", "api", "startup", "many"));
    @Option(names = "--runs", paramLabel = "N", converter = Positive.class, description = "runs per figure (default 3)")
    int runs = 3;
    @Option(names = "--startup-runs", paramLabel = "N", converter = Positive.class,
            description = "start-to-ready runs (default 5)")
    int startupRuns = 5;
    @Option(names = "--products", paramLabel = "N", converter = Positive.class,
            description = "listings for the full product sync (default 20000)")
    int products = 20_000;
    @Option(names = "--orders", paramLabel = "N", converter = Positive.class,
            description = "orders in the shop for the full order sync (default 100000)")
    int orders = 100_000;
    @Option(names = "--order-days", paramLabel = "N", converter = Positive.class,
            description = "the simulator spreads orders over this many days (default 30)")
    int orderDays = 30;
    @Option(names = "--api-orders", paramLabel = "N", converter = Positive.class,
            description = "orders seeded for the admin API benchmark (default 1000000)")
    int apiOrders = 1_000_000;
    // the three below take whole numbers (converter Positive) into double fields
    @Option(names = "--rate", paramLabel = "R", converter = Positive.class,
            description = "requests per second of the admin API load (default 1000)")
    double rate = 1000;
    @Option(names = "--load-seconds", paramLabel = "S", converter = Positive.class,
            description = "length of one measured load run (default 20)")
    double loadSeconds = 20;
    @Option(names = "--filter-seconds", paramLabel = "S", converter = Positive.class,
            description = "length of one run of the filtered and the q= query (default 10)")
    double filterSeconds = 10;
    @Option(names = "--threads", paramLabel = "N", converter = Positive.class,
            description = "client threads of the admin API load (default 16)")
    int threads = 16;
    @Option(names = "--rl-products", paramLabel = "N", converter = Positive.class,
            description = "rate-limit benchmark shop: products (default 2000)")
    int rlProducts = 2_000;
    @Option(names = "--rl-orders", paramLabel = "N", converter = Positive.class,
            description = "rate-limit benchmark shop: orders (default 2000)")
    int rlOrders = 2_000;
    @Option(names = "--rl-page-cap", paramLabel = "N", converter = Positive.class,
            description = "rate-limit benchmark shop: items a page (default 50)")
    int rlPageCap = 50;
    @Option(names = "--rl-window-ms", paramLabel = "MS", converter = Positive.class,
            description = "rate-limit benchmark shop: the window (default 60000)")
    long rlWindowMs = 60_000;
    @Option(names = "--many-shops", paramLabel = "N", converter = Positive.class,
            description = "many-shops benchmark: shops (default 50)")
    int manyShops = 50;
    @Option(names = "--many-limit", paramLabel = "N", converter = Positive.class,
            description = "many-shops benchmark: requests per window and key (default 10)")
    int manyLimit = 10;
    @Option(names = "--many-window-ms", paramLabel = "MS", converter = Positive.class,
            description = "many-shops benchmark: the rate-limit window (default 30000)")
    int manyWindowMs = 30_000;
    @Option(names = "--many-page-cap", paramLabel = "N", converter = Positive.class,
            description = "many-shops benchmark: items a page (default 20)")
    int manyPageCap = 20;
    @Option(names = "--many-products", paramLabel = "N", converter = Positive.class,
            description = "many-shops benchmark: products behind every key (default 300)")
    int manyProducts = 300;
    @Option(names = "--many-orders", paramLabel = "N", converter = Positive.class,
            description = "many-shops benchmark: orders behind every key (default 300)")
    int manyOrders = 300;
    @Option(names = "--many-sync-threads", paramLabel = "N", converter = Positive.class,
            description = "many-shops benchmark: the host's SHOPLINK_SYNC_THREADS (default: the host's own, 2)")
    Integer manySyncThreads;
    @Option(names = "--heap", paramLabel = "OPTS", description = "SHOPLINK_JAVA_OPTS of the host under test (default -Xmx256m)")
    String heap = "-Xmx256m";
    /** Another distribution folder whose start-to-ready runs interleaved with this build's (before/after, same load). */
    @Option(names = "--startup-baseline", paramLabel = "DIR",
            description = "another distribution folder (e.g. an older build), started interleaved with this one")
    Path startupBaseline;
    /** JDBC URL of a PostgreSQL server (ending in '/'): the sync benchmark's hosts use a fresh database on it. */
    @Option(names = "--postgres", paramLabel = "URL", description = "the sync benchmark and, besides H2, the admin API benchmark on PostgreSQL, start-up"
            + " and the many-shops benchmark on H2 and on it: jdbc:postgresql://127.0.0.1:5432/ (a fresh database a run)")
    String postgres;
    @Option(names = "--postgres-user", paramLabel = "U", description = "its user, no password (default postgres)")
    String postgresUser = "postgres";
    @Option(names = "--api-reuse",
            description = "benchmark 5 reuses the orders an earlier run seeded (H2 folder, PostgreSQL database bench_api)")
    boolean apiReuse;
    @Option(names = "--api-stores", paramLabel = "LIST", split = ",",
            description = "benchmark 5 on h2,postgres (default both; postgres needs --postgres)")
    Set<String> apiStores = new LinkedHashSet<>(List.of("h2", "postgres"));
    @Option(names = "--deep-pages", paramLabel = "N",
            description = "benchmark 5 follows next links to page N; the last tenth are the deep pages (default 2000)")
    int deepPages = 2000;
    @Option(names = "--note", paramLabel = "TEXT", description = "a remark printed at the top of the report")
    String note;
    @Option(names = "--jfr", paramLabel = "auto|always|never",
            description = "record the last sync run with JFR when run 1 missed a sync goal (default auto)")
    Jfr jfr = Jfr.AUTO;
    boolean quick;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;
    List<String> args;

    /** Sets the small sizes where it stands: an option after it still counts, one before it is overridden. */
    @Option(names = "--quick", description = "small sizes, short runs: a smoke test of the harness, not a result")
    void quick(boolean on) {
        quick = true;
        deepPages = 200;
        products = 2_000;
        orders = 10_000;
        apiOrders = 50_000;
        loadSeconds = 3;
        filterSeconds = 2;
        rlProducts = 200;
        rlOrders = 200;
        rlWindowMs = 5_000;
        startupRuns = 2;
        manyShops = 5;
        manyWindowMs = 5_000;
    }

    static String usage() {
        return parser(new BenchOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine parser(BenchOptions o) {
        return new CommandLine(o)
                .setOverwrittenOptionsAllowed(true) // bench/run passes --root first; a repeated option: the last counts
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExpandAtFiles(false)
                .setUsageHelpLongOptionsMaxWidth(30);
    }

    /**
     * @return null when help was asked for
     * @throws IllegalArgumentException for a usage error
     */
    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        o.args = List.of(args);
        CommandLine parser = parser(o);
        try {
            parser.parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (parser.isUsageHelpRequested()) {
            return null;
        }
        for (String s : o.only) {
            if (!BENCHMARKS.contains(s)) {
                throw new IllegalArgumentException("unknown benchmark in --only: " + s);
            }
        }
        o.root = (o.root == null ? Path.of("") : o.root).toAbsolutePath().normalize();
        o.dist = o.dist == null ? findDistribution(o.root) : o.dist.toAbsolutePath().normalize();
        o.out = (o.out == null ? o.root.resolve("docs/BENCHMARKS.md") : o.out).toAbsolutePath().normalize();
        o.work = (o.work == null ? o.root.resolve("bench/target/work") : o.work).toAbsolutePath().normalize();
        if (o.startupBaseline != null) {
            o.startupBaseline = o.startupBaseline.toAbsolutePath().normalize();
        }
        if (!Files.isExecutable(o.dist.resolve("bin/shoplink"))) {
            throw new IllegalArgumentException("no executable bin/shoplink in " + o.dist + " (build with mvn -q -B package -DskipTests)");
        }
        return o;
    }

    /** A whole number of 1 or more. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (v < 1) {
                throw new TypeConversionException(value + " (must be 1 or more)");
            }
            return v;
        }
    }

    /** distribution/target/shoplink, or the base folder the assembly puts inside it. */
    static Path findDistribution(Path root) {
        Path target = root.resolve("distribution/target/shoplink");
        for (Path p : List.of(target, target.resolve("shoplink"))) {
            if (Files.isExecutable(p.resolve("bin/shoplink"))) {
                return p;
            }
        }
        return target;
    }
}
