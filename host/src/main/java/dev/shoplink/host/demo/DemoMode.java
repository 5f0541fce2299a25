package dev.shoplink.host.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.Shoplink;
import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/shoplink --demo}: the demo shop (the shop simulator, a separate JVM so it never shares
 * the host's classpath) on a free loopback port, serving one roaster's shop both as Shopify's GraphQL
 * Admin API and as ShipStation; the host in its own data folder pointed at it; and two ready-made
 * integrations created through the admin API like a user would: "Demo Shopify", the demo's
 * integration, and "Demo ShipStation" over the same shop, to switch to. ShipStation's is created
 * first, so it keeps the lower id it had before the demo knew Shopify.
 */
public final class DemoMode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    /** The demo's integration. */
    public static final String INTEGRATION_NAME = "Demo Shopify";
    /** The same shop through ShipStation. */
    public static final String SHIPSTATION_INTEGRATION_NAME = "Demo ShipStation";
    static final String API_KEY = "demo-key";
    static final String API_SECRET = "demo-secret-0000";
    static final String SHOPIFY_DOMAIN = "demo-roaster.myshopify.com";
    static final String SHOPIFY_ACCESS_TOKEN = "shpat_demo0000000000000000000000000000";

    /**
     * The demo shop paces itself like a real one, so a sync shows its pages advance and a rate-limit wait: every
     * answer takes a while, ShipStation allows 40 requests a minute (its real limit), and Shopify's cost bucket is a
     * standard plan's 2,000 points refilled at 100 a second.
     */
    static final List<String> PACING = List.of("--latency-ms", "700", "--rate-limit", "40", "--rate-window-ms", "60000",
            "--shopify-bucket", "2000:100");

    private final Process shop;
    private final Shoplink host;

    private DemoMode(Process shop, Shoplink host) {
        this.shop = shop;
        this.host = host;
    }

    public static DemoMode start(HostConfig config) {
        Path home = Path.of(System.getProperty("shoplink.home", ".")).toAbsolutePath();
        Path simulatorLib = home.resolve("tools/shop-simulator/lib");
        // tests hand in their own class path; the distribution has the simulator's jar and picocli in tools/
        // and shares the other libraries it needs (Javalin, Jackson, Logback) with the host's lib/
        String classpath = System.getProperty("shoplink.demo.classpath",
                simulatorLib + "/*" + java.io.File.pathSeparator + home.resolve("lib") + "/*");
        if (System.getProperty("shoplink.demo.classpath") == null && !Files.isDirectory(simulatorLib)) {
            throw new ConfigException("the demo shop is not installed (" + simulatorLib + " is missing): --demo needs the"
                    + " full distribution built by 'mvn package'");
        }
        Path dataDir = dataDir(config);
        Process shop = startShop(classpath, dataDir);
        Shoplink host = null;
        try {
            int port = awaitPort(shop, dataDir.resolve("shop-simulator.port"), dataDir.resolve("shop-simulator.log"));
            String shopUrl = "http://127.0.0.1:" + port;
            Map<String, String> overrides = new HashMap<>(config.baseUrlOverrides());
            overrides.put("shipstation", shopUrl);
            overrides.put("shopify", shopUrl);
            host = Shoplink.startNotReady(config.withDemo(dataDir, overrides), Clock.systemUTC());
            long shipStationId = ensureIntegration(host, SHIPSTATION_INTEGRATION_NAME, Map.of("connector", "shipstation",
                    "shopUrl", "https://demo-roastery.example", "credentials", Map.of("apiKey", API_KEY, "apiSecret", API_SECRET)));
            long integrationId = ensureIntegration(host, INTEGRATION_NAME, Map.of("connector", "shopify",
                    "shopUrl", "https://" + SHOPIFY_DOMAIN, "credentials", Map.of("accessToken", SHOPIFY_ACCESS_TOKEN)));
            LOG.info("DEMO MODE — demo shop (Shopify GraphQL Admin API and ShipStation) at {}, data in {} (separate from"
                    + " your real data; --demo --reset starts afresh)", shopUrl, dataDir);
            LOG.info("DEMO MODE — integrations '{}' #{} (the demo's) and '{}' #{} (the same shop through ShipStation)",
                    INTEGRATION_NAME, integrationId, SHIPSTATION_INTEGRATION_NAME, shipStationId);
            LOG.info("DEMO MODE — keys for another integration: ShipStation apiKey '{}', apiSecret '{}' (any shop URL);"
                    + " Shopify shop '{}', accessToken '{}'", API_KEY, API_SECRET, SHOPIFY_DOMAIN, SHOPIFY_ACCESS_TOKEN);
            host.markReady();
            return new DemoMode(shop, host);
        } catch (RuntimeException e) {
            if (host != null) {
                host.close(); // its port, database and scheduler, not only the shop
            }
            shop.destroy();
            throw e;
        }
    }

    /** The demo's data folder: beside the real one, its name ending in {@code -demo}. */
    public static Path dataDir(HostConfig config) {
        return config.dataDir().resolveSibling(config.dataDir().getFileName() + "-demo");
    }

    /**
     * {@code --demo --reset}: deletes the demo's data folder (and nothing else) so the next start begins afresh.
     *
     * @return the folder deleted, or empty if there was none
     */
    public static java.util.Optional<Path> reset(HostConfig config) {
        Path demo = dataDir(config).toAbsolutePath().normalize();
        Path real = config.dataDir().toAbsolutePath().normalize();
        if (!demo.getFileName().toString().endsWith("-demo") || demo.equals(real) || real.startsWith(demo)) {
            throw new ConfigException("refusing to reset " + demo + ": it is not the demo's own data folder");
        }
        if (!Files.isDirectory(demo)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(demo)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot delete the demo data folder " + demo + ": " + e.getMessage(), e);
        }
        return java.util.Optional.of(demo);
    }

    private static Process startShop(String classpath, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path portFile = dataDir.resolve("shop-simulator.port");
            Files.deleteIfExists(portFile);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath,
                    "dev.shoplink.simulator.ShopSimulator", "--host", "127.0.0.1", "--port", "0",
                    "--port-file", portFile.toString(), "--products", "120", "--orders", "800", "--seed", "2026",
                    "--api-key", API_KEY, "--api-secret", API_SECRET,
                    "--shopify-domain", SHOPIFY_DOMAIN, "--shopify-access-token", SHOPIFY_ACCESS_TOKEN));
            command.addAll(PACING);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("shop-simulator.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new ConfigException("cannot start the demo shop: " + e.getMessage(), e);
        }
    }

    private static int awaitPort(Process shop, Path portFile, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Files.isRegularFile(portFile)) {
                    String text = Files.readString(portFile).strip();
                    if (!text.isEmpty()) {
                        return Integer.parseInt(text);
                    }
                }
                if (!shop.isAlive()) {
                    throw new ConfigException("the demo shop stopped at start-up (exit " + shop.exitValue() + "); see " + log);
                }
                Thread.sleep(100);
            } catch (IOException | NumberFormatException e) {
                // the file is being written; read it again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        shop.destroy();
        throw new ConfigException("the demo shop did not start within 90 s; see " + log);
    }

    /**
     * Creates a demo integration through the admin API unless the demo data folder has one of that name already.
     *
     * @param connection the connector, shop URL and credentials
     */
    private static long ensureIntegration(Shoplink host, String name, Map<String, Object> connection) {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + host.port() + "/api/v1/integrations";
        try {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + host.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode i : json.readTree(list.body()).get("items")) {
                if (i.get("name").asText().equals(name)) {
                    return i.get("id").asLong();
                }
            }
            Map<String, Object> form = new HashMap<>(connection);
            form.put("name", name);
            form.put("customerType", "RETAIL");
            form.put("syncStartDate", LocalDate.now(host.config().zone()).minusDays(14).toString());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + host.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new ConfigException("cannot create the demo integration '" + name + "': " + created.statusCode() + " "
                        + created.body());
            }
            return json.readTree(created.body()).get("id").asLong();
        } catch (IOException e) {
            throw new ConfigException("cannot create the demo integration: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while creating the demo integration");
        }
    }

    public Shoplink host() {
        return host;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            shop.destroy();
            try {
                shop.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
