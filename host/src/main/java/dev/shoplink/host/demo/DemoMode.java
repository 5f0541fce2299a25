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
 * {@code bin/shoplink --demo}: the demo shop (the ShipStation-compatible simulator, a separate
 * JVM so it never shares the host's classpath) on a free loopback port, the host in its own data
 * folder pointed at it, and a ready-made "Demo ShipStation" integration created through the
 * admin API like a user would.
 */
public final class DemoMode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    public static final String INTEGRATION_NAME = "Demo ShipStation";
    static final String API_KEY = "demo-key";
    static final String API_SECRET = "demo-secret-0000";

    private final Process shop;
    private final Shoplink host;

    private DemoMode(Process shop, Shoplink host) {
        this.shop = shop;
        this.host = host;
    }

    public static DemoMode start(HostConfig config) {
        Path home = Path.of(System.getProperty("shoplink.home", ".")).toAbsolutePath();
        Path simulatorLib = home.resolve("tools/shop-simulator/lib");
        // tests hand in their own class path; the distribution has the simulator's jar in tools/ and
        // shares the libraries it needs (Javalin, Jackson, Logback) with the host's lib/
        String classpath = System.getProperty("shoplink.demo.classpath",
                simulatorLib + "/*" + java.io.File.pathSeparator + home.resolve("lib") + "/*");
        if (System.getProperty("shoplink.demo.classpath") == null && !Files.isDirectory(simulatorLib)) {
            throw new ConfigException("the demo shop is not installed (" + simulatorLib + " is missing): --demo needs the"
                    + " full distribution built by 'mvn package'");
        }
        Path dataDir = config.dataDir().resolveSibling(config.dataDir().getFileName() + "-demo");
        Process shop = startShop(classpath, dataDir);
        try {
            int port = awaitPort(shop, dataDir.resolve("shop-simulator.port"), dataDir.resolve("shop-simulator.log"));
            String shopUrl = "http://127.0.0.1:" + port;
            Map<String, String> overrides = new HashMap<>(config.baseUrlOverrides());
            overrides.put("shipstation", shopUrl);
            Shoplink host = Shoplink.start(config.withDemo(dataDir, overrides), Clock.systemUTC());
            long integrationId = ensureIntegration(host);
            LOG.info("DEMO MODE — demo shop (ShipStation-compatible) at {}, data in {} (separate from your real data)",
                    shopUrl, dataDir);
            LOG.info("DEMO MODE — integration '{}' is #{}; try: curl -H \"Authorization: Bearer $(cat {})\""
                            + " -X POST http://localhost:{}/api/v1/integrations/{}/sync", INTEGRATION_NAME, integrationId,
                    dataDir.resolve("admin-token"), host.port(), integrationId);
            return new DemoMode(shop, host);
        } catch (RuntimeException e) {
            shop.destroy();
            throw e;
        }
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
                    "--api-key", API_KEY, "--api-secret", API_SECRET, "--rate-limit", "off"));
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

    /** Creates the demo integration through the admin API unless the demo data folder has it already. */
    private static long ensureIntegration(Shoplink host) {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + host.port() + "/api/v1/integrations";
        try {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + host.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode i : json.readTree(list.body()).get("items")) {
                if (i.get("name").asText().equals(INTEGRATION_NAME)) {
                    return i.get("id").asLong();
                }
            }
            Map<String, Object> form = Map.of("connector", "shipstation", "name", INTEGRATION_NAME, "customerType", "RETAIL",
                    "shopUrl", "https://demo-roastery.example", "credentials", Map.of("apiKey", API_KEY, "apiSecret", API_SECRET),
                    "syncStartDate", LocalDate.now(host.config().zone()).minusDays(14).toString());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + host.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(form), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new ConfigException("cannot create the demo integration: " + created.statusCode() + " " + created.body());
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
