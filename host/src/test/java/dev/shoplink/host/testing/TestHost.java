package dev.shoplink.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.host.Shoplink;
import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The real host for end-to-end tests: real Javalin on a free port, a real H2 file in a temp
 * folder, the real ShipStation plugin archive from the build, spoken to over HTTP.
 */
public final class TestHost implements AutoCloseable {
    public static final String TOKEN = "test-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Shoplink app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;

    private TestHost(Shoplink app, Path dir) {
        this.app = app;
        this.dir = dir;
    }

    /** The built plugin archives (copied by Maven into target/test-plugins). */
    public static Path builtPlugins() {
        String p = System.getProperty("shoplink.test.plugins", "target/test-plugins");
        return Path.of(p);
    }

    /** Environment for a host in {@code dir}, with the bundled plugins copied in and ShipStation at {@code shopBaseUrl}. */
    public static Map<String, String> env(Path dir, String shopBaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPLINK_PORT", "0");
        env.put("SHOPLINK_DATA_DIR", dir.resolve("data").toString());
        env.put("SHOPLINK_PLUGINS_DIR", dir.resolve("plugins").toString());
        env.put("SHOPLINK_ADMIN_TOKEN", TOKEN);
        env.put("SHOPLINK_SHIPSTATION_BASE_URL", shopBaseUrl);
        env.put("SHOPLINK_SYNC_RETRY_BASE_MS", "50");
        env.put("SHOPLINK_SHOP_TIMEOUT_SECONDS", "3");
        env.put("SHOPLINK_PLUGIN_SCAN_SECONDS", "0");
        return TestDatabases.use(env, TestDatabases.nameFor(dir));
    }

    public static void installBundledPlugins(Path pluginsDir) {
        try {
            Files.createDirectories(pluginsDir);
            try (var files = Files.list(builtPlugins())) {
                for (Path zip : files.filter(f -> f.toString().endsWith(".zip")).toList()) {
                    // with its modification time: an archive older than PluginHost.SETTLE is read at once
                    Files.copy(zip, pluginsDir.resolve(zip.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestHost start(Path dir, String shopBaseUrl) {
        return start(dir, env(dir, shopBaseUrl), Clock.systemUTC(), true);
    }

    public static TestHost start(Path dir, Map<String, String> env, Clock clock, boolean withPlugins) {
        if (withPlugins) {
            installBundledPlugins(Path.of(env.get("SHOPLINK_PLUGINS_DIR")));
        }
        HostConfig config = new ConfigLoader(env, new Properties()).load();
        return new TestHost(Shoplink.start(config, clock), dir);
    }

    /** The ShipStation address of a host whose tests talk to no HTTP shop (nothing listens there). */
    public static final String NO_SHOP = "http://127.0.0.1:9/";

    /**
     * A host without plugin archives that serves {@code connector} in process ({@code PluginHost.serveInProcess}):
     * for tests of the host's own logic against the in-memory test shop ({@link MemoryShop}).
     */
    public static TestHost startServing(Path dir, Map<String, String> env, ShopConnector connector) {
        TestHost host = start(dir, env, Clock.systemUTC(), false);
        try {
            host.app().plugins().serveInProcess(connector);
            return host;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    public Shoplink app() {
        return app;
    }

    public Path dir() {
        return dir;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), true);
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(publisher(body)).header("Content-Type", "application/json"), true);
    }

    public Response patch(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).method("PATCH", publisher(body))
                .header("Content-Type", "application/json"), true);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), true);
    }

    /** A request without the admin token. */
    public Response anonymous(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()), false);
    }

    public Response send(HttpRequest.Builder request, boolean withToken) {
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return exchange(http, request);
    }

    /**
     * The one way the end-to-end tests speak HTTP to a host (this one or a {@link ChildHost}): sends the request
     * and holds the answer to openapi.json ({@link OpenApiContract}) before a test sees it.
     */
    static Response exchange(HttpClient http, HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = http.send(sent, HttpResponse.BodyHandlers.ofString());
            Response response = new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
            String query = sent.uri().getRawQuery();
            OpenApiContract.get().check(sent.method(), sent.uri().getRawPath() + (query == null ? "" : "?" + query), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }

    /** An HTTP answer. */
    public record Response(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
