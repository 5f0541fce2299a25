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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Collectors;

/** Standalone mode: flags → {@link ShopSimulator.Builder}, one line on stdout, then serve until killed. */
final class CommandLine {

    static final String USAGE = """
            Usage: java -cp ... dev.shoplink.simulator.ShopSimulator [options]
              --products N             product records (SKUs) to generate            (default 200)
              --orders M               orders to generate                            (default 1000)
              --seed S                 same seed and --now → same shop               (default 42)
              --port P                 0 picks a free port                           (default 0)
              --host H                 bind address                                  (default 127.0.0.1)
              --port-file PATH         write the bound port there once listening
              --api-key K              Basic-auth user                               (default simulator-key)
              --api-secret S           Basic-auth password                           (default simulator-secret)
              --rate-limit N|off       requests per minute per key                   (default 40)
              --rate-window-ms MS      length of a rate-limit window                 (default 60000)
              --fail-rate F            share 0..1 of API requests given a fault      (default 0)
              --faults K1,K2           server_error,reset,truncated,malformed,slow   (default all)
              --slow-ms MS             delay of a slow-response fault                (default 2000)
              --latency-ms MS          added to every API response                   (default 0)
              --page-size-cap N        largest page served, 1..500                   (default 500)
              --api-access true|false  false answers 402 to every API request        (default true)
              --now INSTANT            generate as of this instant, e.g. 2026-11-20T17:00:00Z (default: now)
              --new-products-since D   yyyy-MM-dd (Pacific) or an instant            (default now - 30 days)
              --new-product-share F    share of products created after that          (default 0.1)
              --order-days N           orders spread over this many days             (default 60)
              --shopify-domain D       the Shopify shop's <shop>.myshopify.com        (default roaster.myshopify.com)
              --shopify-access-token T X-Shopify-Access-Token accepted                (default shpat_5eed…cafe)
              --shopify-bucket MAX:RATE Shopify's cost bucket, points and points/s    (default 2000:100)
            Shopify GraphQL Admin API: POST /admin/api/<version>/graphql.json
            Admin (no auth): GET /_sim/stats, POST /_sim/stats/reset, POST /_sim/mutate?count=K,
              GET|POST /_sim/settings, POST /_sim/rate-limit/reset, GET /_sim/info
            """;

    private CommandLine() {
    }

    record Options(ShopSimulator.Builder builder, Path portFile) {
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

    /** @return null when help was asked for */
    static Options parse(String[] args) {
        ShopSimulator.Builder b = ShopSimulator.builder();
        Path portFile = null;
        String apiKey = ShopSimulator.DEFAULT_API_KEY;
        String apiSecret = ShopSimulator.DEFAULT_API_SECRET;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int eq = flag.indexOf('=');
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            try {
                switch (flag) {
                    case "--products" -> b.products(Integer.parseInt(value));
                    case "--orders" -> b.orders(Integer.parseInt(value));
                    case "--seed" -> b.seed(Long.parseLong(value));
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--host" -> b.host(value);
                    case "--port-file" -> portFile = Path.of(value);
                    case "--api-key" -> apiKey = value;
                    case "--api-secret" -> apiSecret = value;
                    case "--rate-limit" -> b.rateLimit(value.equalsIgnoreCase("off") ? 0 : Integer.parseInt(value));
                    case "--rate-window-ms" -> b.rateWindow(Duration.ofMillis(Long.parseLong(value)));
                    case "--fail-rate" -> b.failRate(Double.parseDouble(value));
                    case "--faults" -> b.faultKinds(Arrays.stream(value.split(",")).map(FaultKind::parse)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
                    case "--slow-ms" -> b.slowResponseDelay(Duration.ofMillis(Long.parseLong(value)));
                    case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(value)));
                    case "--page-size-cap" -> b.pageSizeCap(Integer.parseInt(value));
                    case "--api-access" -> b.apiAccess(parseBoolean(value));
                    case "--now" -> b.now(Instant.parse(value));
                    case "--new-products-since" -> b.newProductsSince(instantOrPacificDate(value));
                    case "--new-product-share" -> b.newProductShare(Double.parseDouble(value));
                    case "--order-days" -> b.orderDays(Integer.parseInt(value));
                    case "--shopify-domain" -> b.shopifyDomain(value);
                    case "--shopify-access-token" -> b.shopifyAccessToken(value);
                    case "--shopify-bucket" -> {
                        String[] parts = value.split(":");
                        if (parts.length != 2) {
                            throw new IllegalArgumentException("--shopify-bucket needs MAX:RATE, e.g. 2000:100");
                        }
                        b.shopifyBucket(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("bad value for " + flag + ": " + value);
            }
        }
        b.credentials(apiKey, apiSecret);
        return new Options(b, portFile);
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("expected true or false: " + value);
    }

    private static Instant instantOrPacificDate(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(PacificTime.ZONE).toInstant();
        }
        return Instant.parse(value);
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
