package dev.shoplink.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Standalone mode: flags → {@link ShopSimulatorBuilder}, one line on stdout, then serve until killed.
 * picocli parses the flags; a flag not given leaves the builder's default in place.
 */
@Command(name = "shop-simulator",
        customSynopsis = "java -cp ... dev.shoplink.simulator.ShopSimulator [options]",
        usageHelpWidth = 110,
        sortOptions = false,
        footer = {
            "Shopify GraphQL Admin API: POST /admin/api/<version>/graphql.json",
            "Admin (no auth): GET /_sim/stats, POST /_sim/stats/reset, POST /_sim/mutate?count=K,",
            "  GET|POST /_sim/settings, POST /_sim/rate-limit/reset, GET /_sim/info"})
final class SimulatorCommand {

    @Option(names = "--products", paramLabel = "N", description = "product records (SKUs) to generate (default 200)")
    Integer products;

    @Option(names = "--orders", paramLabel = "M", description = "orders to generate (default 1000)")
    Integer orders;

    @Option(names = "--seed", paramLabel = "S", description = "same seed and --now → same shop (default 42)")
    Long seed;

    @Option(names = "--port", paramLabel = "P", description = "0 picks a free port (default 0)")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "bind address (default 127.0.0.1)")
    String host;

    @Option(names = "--port-file", paramLabel = "PATH", description = "write the bound port there once listening")
    Path portFile;

    @Option(names = "--api-key", paramLabel = "K", description = "Basic-auth user (default simulator-key)")
    String apiKey = ShopSimulator.DEFAULT_API_KEY;

    @Option(names = "--api-secret", paramLabel = "S", description = "Basic-auth password (default simulator-secret)")
    String apiSecret = ShopSimulator.DEFAULT_API_SECRET;

    @Option(names = "--rate-limit", paramLabel = "N|off", converter = FlagFormats.RateLimitConverter.class,
            description = "requests per minute per key, 0 or off for none (default 40)")
    Integer rateLimit;

    @Option(names = "--rate-window-ms", paramLabel = "MS", description = "length of a rate-limit window (default 60000)")
    Long rateWindowMs;

    @Option(names = "--fail-rate", paramLabel = "F", description = "share 0..1 of API requests given a fault (default 0)")
    Double failRate;

    @Option(names = "--faults", paramLabel = "KIND", split = ",", converter = FlagFormats.FaultKindConverter.class,
            description = "server_error,reset,truncated,malformed,slow (default all)")
    List<FaultKind> faults;

    @Option(names = "--slow-ms", paramLabel = "MS", description = "delay of a slow-response fault (default 2000)")
    Long slowMs;

    @Option(names = "--latency-ms", paramLabel = "MS", description = "added to every API response (default 0)")
    Long latencyMs;

    @Option(names = "--page-size-cap", paramLabel = "N", description = "largest page served, 1..500 (default 500)")
    Integer pageSizeCap;

    @Option(names = "--api-access", paramLabel = "true|false", arity = "1",
            description = "false answers 402 to every API request (default true)")
    Boolean apiAccess;

    @Option(names = "--now", paramLabel = "INSTANT", converter = FlagFormats.InstantConverter.class,
            description = "generate as of this instant, e.g. 2026-11-20T17:00:00Z (default: now)")
    Instant now;

    @Option(names = "--new-products-since", paramLabel = "D", converter = FlagFormats.InstantOrPacificDateConverter.class,
            description = "yyyy-MM-dd (Pacific) or an instant (default now - 30 days)")
    Instant newProductsSince;

    @Option(names = "--new-product-share", paramLabel = "F", description = "share of products created after that (default 0.1)")
    Double newProductShare;

    @Option(names = "--order-days", paramLabel = "N", description = "orders spread over this many days (default 60)")
    Integer orderDays;

    @Option(names = "--shopify-domain", paramLabel = "D",
            description = "the Shopify shop's <shop>.myshopify.com (default roaster.myshopify.com)")
    String shopifyDomain;

    @Option(names = "--shopify-access-token", paramLabel = "T",
            description = "X-Shopify-Access-Token accepted (default shpat_5eed…cafe)")
    String shopifyAccessToken;

    @Option(names = "--shopify-bucket", paramLabel = "MAX:RATE", converter = FlagFormats.BucketConverter.class,
            description = "Shopify's cost bucket, points and points/s (default 2000:100)")
    FlagFormats.Bucket shopifyBucket;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    /** The usage text {@code --help} prints (and a usage error follows its message with). */
    static final String USAGE = newParser(new SimulatorCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);

    record Options(ShopSimulatorBuilder builder, Path portFile) {
    }

    /** @return an exit code, or -1 when the simulator is up and the JVM should keep serving */
    static int run(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("shop-simulator: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (options == null) {
            System.out.print(USAGE);
            return 0;
        }
        ShopSimulator simulator;
        try {
            simulator = launch(options, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("shop-simulator: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // e.g. the port is taken: say so in one line, the exit code tells the parent process
            System.err.println("shop-simulator: could not start: " + e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "shop-simulator-shutdown"));
        // Jetty's threads keep the JVM alive; the shutdown hook stops the server on SIGTERM / Ctrl-C.
        return -1;
    }

    /** Starts the simulator, writes the port file, prints the one "listening on" line. */
    static ShopSimulator launch(Options options, PrintStream out) {
        long started = System.nanoTime();
        ShopSimulator simulator = options.builder().start();
        if (options.portFile() != null) {
            writePortFile(options.portFile(), simulator.port());
        }
        out.printf("Shop simulator listening on %s (%d products, %d orders, seed %d, ready in %d ms)%n",
                simulator.baseUrl(), simulator.productCount(), simulator.orderCount(), simulator.seed(),
                (System.nanoTime() - started) / 1_000_000);
        out.flush();
        return simulator;
    }

    /**
     * @return null when help was asked for
     * @throws IllegalArgumentException for a usage error; its message names the flag
     */
    static Options parse(String[] args) {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine parser = newParser(command);
        try {
            parser.parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(message(e), e);
        }
        if (parser.isUsageHelpRequested()) {
            return null;
        }
        return command.options();
    }

    private static CommandLine newParser(SimulatorCommand command) {
        CommandLine parser = new CommandLine(command);
        parser.setOverwrittenOptionsAllowed(true); // a repeated flag: the last one counts
        parser.setExpandAtFiles(false); // "@x" is a value like any other (e.g. in an API secret)
        parser.setUsageHelpLongOptionsMaxWidth(32);
        return parser;
    }

    /** picocli's message, shortened for the usual mistakes. */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return first.startsWith("-") ? "unknown option " + first.split("=", 2)[0] : "unexpected argument " + first;
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        return e.getMessage();
    }

    /** The ranges the simulator enforces at start, checked here so that the message names the flag. */
    private Options options() {
        check(products == null || products >= 1, "--products", products, "must be 1 or more");
        check(orders == null || orders >= 0, "--orders", orders, "must be 0 or more");
        check(port == null || (port >= 0 && port <= 65_535), "--port", port, "must be within 0..65535");
        check(rateLimit == null || rateLimit >= 0, "--rate-limit", rateLimit, "must be 0 (off) or more");
        check(rateWindowMs == null || rateWindowMs >= 1, "--rate-window-ms", rateWindowMs, "must be 1 or more");
        check(failRate == null || (failRate >= 0 && failRate <= 1), "--fail-rate", failRate, "must be within 0..1");
        check(faults == null || !faults.isEmpty(), "--faults", "", "needs at least one fault kind");
        check(slowMs == null || slowMs >= 0, "--slow-ms", slowMs, "must be 0 or more");
        check(latencyMs == null || latencyMs >= 0, "--latency-ms", latencyMs, "must be 0 or more");
        check(pageSizeCap == null || (pageSizeCap >= 1 && pageSizeCap <= Settings.MAX_PAGE_SIZE), "--page-size-cap",
                pageSizeCap, "must be within 1.." + Settings.MAX_PAGE_SIZE);
        check(newProductShare == null || (newProductShare >= 0 && newProductShare <= 1), "--new-product-share",
                newProductShare, "must be within 0..1");
        check(orderDays == null || orderDays >= 1, "--order-days", orderDays, "must be 1 or more");

        ShopSimulatorBuilder b = ShopSimulator.builder();
        b.credentials(apiKey, apiSecret);
        ifGiven(products, b::products);
        ifGiven(orders, b::orders);
        ifGiven(seed, b::seed);
        ifGiven(port, b::port);
        ifGiven(host, b::host);
        ifGiven(rateLimit, b::rateLimit);
        ifGiven(rateWindowMs, ms -> b.rateWindow(Duration.ofMillis(ms)));
        ifGiven(failRate, b::failRate);
        ifGiven(faults, kinds -> b.faultKinds(EnumSet.copyOf(kinds)));
        ifGiven(slowMs, ms -> b.slowResponseDelay(Duration.ofMillis(ms)));
        ifGiven(latencyMs, ms -> b.latency(Duration.ofMillis(ms)));
        ifGiven(pageSizeCap, b::pageSizeCap);
        ifGiven(apiAccess, b::apiAccess);
        ifGiven(now, b::now);
        ifGiven(newProductsSince, b::newProductsSince);
        ifGiven(newProductShare, b::newProductShare);
        ifGiven(orderDays, b::orderDays);
        ifGiven(shopifyDomain, b::shopifyDomain);
        ifGiven(shopifyAccessToken, b::shopifyAccessToken);
        ifGiven(shopifyBucket, bucket -> b.shopifyBucket(bucket.maximumAvailable(), bucket.restoreRate()));
        return new Options(b, portFile);
    }

    private static <T> void ifGiven(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static void check(boolean valid, String flag, Object value, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("Invalid value for option '" + flag + "': " + value + " (" + rule + ")");
        }
    }

    /** Written to a temporary file and moved into place, so a parent polling for it never reads half a number. */
    static void writePortFile(Path file, int port) {
        try {
            Path absolute = file.toAbsolutePath();
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.writeString(temporary, port + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the port file " + file, e);
        }
    }
}
